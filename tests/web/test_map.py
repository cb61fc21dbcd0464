"""The map's geometry: country outlines from the packaged Natural Earth data, and labels
placed so that none overlaps another label or a dot."""

from __future__ import annotations

import itertools

from counterclaim.records import Geo
from counterclaim.resolve.crossdoc import GlobalEntity
from counterclaim.web import basemap
from counterclaim.web.svg import Mark, label_boxes, map_chart


def place(name: str, lat: float, lon: float, docs: int = 1) -> GlobalEntity:
    return GlobalEntity(id=name.lower(), name=name, type="PLACE", documents=docs,
                        geo=Geo(name, "town", "AF", None, lat, lon))  # fmt: skip


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_outlines_come_from_the_package() -> None:
    names = {c.name for c in basemap.countries()}
    assert len(names) > 150 and {"Afghanistan", "Ukraine", "Sudan"} <= names
    near = {c.name for c in basemap.outlines(30, 40, 60, 75)}
    assert "Afghanistan" in near and "Brazil" not in near


def test_map_draws_countries_around_the_places() -> None:
    chart = map_chart([place("Kabul", 34.53, 69.17, 3), place("Herat", 34.35, 62.2)])
    titles = {s.title for s in chart.shapes}
    assert "Afghanistan" in titles and "Iran" in titles
    assert all(s.path.startswith("M") and s.path.endswith("Z") for s in chart.shapes)
    assert "Natural Earth" in chart.title


def test_crowded_labels_never_overlap() -> None:
    towns = [place(f"Town number {i}", 34.5 + 0.01 * i, 69.1 + 0.01 * (i % 3), 1 + i % 4)
             for i in range(12)] + [place("Faraway", 36.7, 71.1)]  # fmt: skip
    chart = map_chart(towns)
    boxes = label_boxes(chart.marks)
    assert boxes, "some labels are shown"
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    dots = [(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in chart.marks]
    shown = [m for m in chart.marks if m.label]
    for m, box in zip(shown, boxes, strict=True):
        for other, dot in zip(chart.marks, dots, strict=True):
            if other is not m:
                assert not overlap(box, dot)
    assert any(m.label == "Faraway" for m in chart.marks)  # a lone place keeps its label
    assert all(m.title for m in chart.marks)  # hidden labels stay in the tooltip
    assert isinstance(chart.marks[0], Mark)

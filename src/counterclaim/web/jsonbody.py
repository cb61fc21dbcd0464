"""Reading a JSON request body for the write endpoints: the size limit enforced while the
body streams in, then strict parsing (no NaN or infinite numbers, bounded nesting) and
validation into a pydantic model, with errors located in the body as FastAPI reports them.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from counterclaim.web.deps import invalid

MAX_DEPTH = 8  # JSON nesting accepted (the object itself is 1)


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is larger than ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body is {declared} bytes, larger than the limit of {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"body is larger than the limit of {limit} bytes")
    return bytes(body)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:20]} overflows")
    return value


def _depth(body: bytes) -> int:
    """The deepest nesting of ``[``/``{`` outside strings (a linear scan)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def parse_json[M: BaseModel](body: bytes, model: type[M]) -> M:
    """The JSON object in ``body``, parsed strictly and validated as ``model``: 400 for
    malformed JSON, 422 for an object the model refuses (or no object at all)."""
    if _depth(body) > MAX_DEPTH:
        raise HTTPException(400, f"malformed JSON: nested deeper than {MAX_DEPTH} levels")
    try:
        data: Any = json.loads(body, parse_constant=_reject_constant, parse_float=_finite)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise HTTPException(400, f"malformed JSON: {err}") from None
    except (ValueError, RecursionError) as err:  # NaN, 1e999, 5,000-digit integers
        raise HTTPException(400, f"malformed JSON: {str(err)[:200]}") from None
    if not isinstance(data, dict):
        raise invalid(("body",), f"expected a JSON object, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise RequestValidationError(_located(err)) from None


def _located(err: ValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors located in the body, as FastAPI reports them."""
    return [
        {"type": e["type"], "loc": ("body", *e["loc"]), "msg": e["msg"]}
        for e in err.errors(include_url=False, include_context=False, include_input=False)
    ]

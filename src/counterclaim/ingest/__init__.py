"""The ingest stage: files, folders, JSON Lines and HTML pages in, documents out.

Takes paths (or raw text); gives :class:`~counterclaim.records.Document` records (text as
read, header parsed into date, dateline and publisher; id = hash of the normalized text) and
:class:`~counterclaim.records.Skipped` records for inputs it refuses, each with its reason
(empty, binary, non-UTF-8, huge, non-English, malformed header). Nothing is lost silently.
"""

from counterclaim.ingest.readers import (
    IngestError,
    document_id,
    parse_header,
    read_paths,
    read_text,
    site_name,
)

__all__ = ["IngestError", "document_id", "parse_header", "read_paths", "read_text", "site_name"]

"""Where uploaded and generated files live when several application servers share them: an S3-compatible object
store, configured by environment variables. Read by the settings, so it imports nothing from Django."""

from collections.abc import Mapping


def object_storage(environ: Mapping[str, str]) -> dict | None:
    """The ``STORAGES["default"]`` entry for the bucket ``OCOP_S3_BUCKET`` names, or None to keep files on disk.

    Objects are private (no ACL) and never overwritten; the system reads them back through its own views, which
    check who may see them, so the store needs no public access."""
    bucket = environ.get("OCOP_S3_BUCKET")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("OCOP_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("OCOP_S3_REGION") or None,
            "access_key": environ.get("OCOP_S3_ACCESS_KEY") or None,
            "secret_key": environ.get("OCOP_S3_SECRET_KEY") or None,
            "location": environ.get("OCOP_S3_PREFIX", ""),
            "addressing_style": environ.get("OCOP_S3_ADDRESSING_STYLE") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }

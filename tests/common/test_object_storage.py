"""Files on S3-compatible object storage (OCOP_S3_BUCKET): the journeys that write and read files work as they do on
disk (a producer's document uploaded and downloaded, a workbook checked then applied, a certificate's PDF kept),
against a server speaking the S3 protocol on loopback (moto's), with the storage the settings build."""

import socket
import uuid

import boto3
import pytest
from django.urls import reverse
from moto.server import ThreadedMotoServer

from ocop.accounts.enums import Role
from ocop.certificates.interfaces.pdf import certificate_pdf
from ocop.common.object_storage import object_storage
from ocop.producers.domain.documents import add_document
from ocop.producers.models import ImportBatch
from ocop.registry_import.domain.importing import apply_import, check_import
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_producer, make_product, make_user, png_upload
from tests.registry_import.workbooks import producer_row, workbook

pytestmark = pytest.mark.django_db
CREDENTIALS = {"OCOP_S3_ACCESS_KEY": "ocop", "OCOP_S3_SECRET_KEY": "ocop-secret", "OCOP_S3_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_address():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_address, settings):
    """A new bucket, and the settings' storage pointed at it as OCOP_S3_* would point it."""
    name = f"ocop-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_address,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["OCOP_S3_ACCESS_KEY"],
        aws_secret_access_key=CREDENTIALS["OCOP_S3_SECRET_KEY"],
    )
    client.create_bucket(Bucket=name)
    environ = CREDENTIALS | {"OCOP_S3_BUCKET": name, "OCOP_S3_ENDPOINT_URL": s3_address, "OCOP_S3_PREFIX": "media"}
    settings.STORAGES = settings.STORAGES | {"default": object_storage(environ)}

    def keys() -> list[str]:
        return [item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])]

    return keys


def test_without_a_bucket_files_stay_on_disk():
    assert object_storage({}) is None and object_storage({"OCOP_S3_BUCKET": ""}) is None


def test_a_producers_document_is_stored_in_the_bucket_and_downloaded_through_the_system(client, bucket):
    producer = make_producer()
    upload = png_upload("giay-phep.png")
    content = upload.read()
    upload.seek(0)
    document = add_document(actor=None, producer=producer, kind="food_safety", issuer="Sở Y tế", upload=upload)
    assert [key for key in bucket() if key.startswith("media/")] == [f"media/{document.file.name}"]
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse("backoffice:producer_document_file", args=[producer.pk, document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == content


def test_a_workbook_is_checked_and_applied_from_the_bucket(bucket):
    office = make_user(Role.PROVINCE_OFFICE)
    batch = check_import(actor=office, upload=workbook(producers=[producer_row(1), producer_row(2)]))
    assert batch.status == ImportBatch.Status.CHECKED and f"media/{batch.file.name}" in bucket()
    apply_import(actor=office, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED


def test_a_certificates_pdf_is_kept_in_the_bucket_and_read_back(bucket):
    certificate = registered(make_product(name="Nho sấy dẻo"), days_ago(30))
    first = certificate_pdf(certificate)
    kept = [key for key in bucket() if key.startswith("media/certificates/pdf/")]
    assert first.startswith(b"%PDF") and len(kept) == 1
    assert certificate_pdf(certificate) == first and len(bucket()) == 1

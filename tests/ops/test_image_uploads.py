"""Uploaded images are judged by their content, not by their name."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection


@pytest.fixture
def editor_client(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = get_user_model().objects.create_superuser("kuvaaja", password="x")
    client.force_login(user)
    return client


def upload(client, name, content, content_type="image/jpeg"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Kuva",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def png_bytes():
    buffer = BytesIO()
    PILImage.new("RGB", (8, 8), "#336699").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kuva.jpg", b"<html><script>alert(1)</script></html>"),
        ("kuva.jpg", b"%PDF-1.4 not an image at all"),
        ("kuva.png", b"MZ\x90\x00\x03 an executable"),
        ("kuva.svg.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(editor_client, name, content):
    response = upload(editor_client, name, content)
    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_an_image_whose_name_lies_about_its_format_is_refused(editor_client):
    response = upload(editor_client, "kuva.jpg", png_bytes())
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_a_real_image_is_accepted(editor_client):
    response = upload(editor_client, "kuva.png", png_bytes(), content_type="image/png")
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (8, 8)

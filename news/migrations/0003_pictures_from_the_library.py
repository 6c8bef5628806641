"""News items show pictures of the library: each existing image becomes a picture.

The image file stays where it is (the picture points at it), its alternative text becomes the
picture's in both languages (the former field had one text for both), and its sizes are made
here, once, as the library makes them when a picture is saved. The former field had no credit;
the pictures name the network until a manager enters the author.
"""

import django.db.models.deletion
from django.db import migrations, models

from pictures import renditions

CREDIT = "Bild: Gesundheitswirtschaft im Netzwerk"


def images_to_pictures(apps, schema_editor):
    NewsItem = apps.get_model("news", "NewsItem")
    Picture = apps.get_model("pictures", "Picture")
    for item in NewsItem.objects.exclude(image=""):
        alt = item.image_alt.strip()
        try:
            with item.image.open("rb") as original:
                width, height = _size(original)
        except OSError:
            continue  # the file is gone: there is nothing to show
        picture = Picture.objects.create(
            title=item.title[:200],
            original=item.image.name,
            width=width,
            height=height,
            alt_text=alt,
            alt_text_de=alt,
            alt_text_en=alt,
            credit=CREDIT,
            is_published=bool(alt),
        )
        with item.image.open("rb") as original:
            picture.sizes = renditions.make_renditions(
                original, stem=f"{picture.pk}-{renditions.stem_of(item.image.name)}"
            )
        picture.sizes_made_from = item.image.name
        picture.save(update_fields=["sizes", "sizes_made_from"])
        NewsItem.objects.filter(pk=item.pk).update(picture=picture)


def _size(file):
    from PIL import Image

    with Image.open(file) as image:
        size = image.size
    file.seek(0)
    return size


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0002_newsitem_body_de_newsitem_body_en_newsitem_teaser_de_and_more'),
        ('pictures', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='newsitem',
            name='newsitem_image_has_alt',
        ),
        migrations.AddField(
            model_name='newsitem',
            name='picture',
            field=models.ForeignKey(blank=True, help_text='A published picture of the library, with its alternative text and credit.', limit_choices_to={'is_published': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pictures.picture', verbose_name='picture'),
        ),
        migrations.RunPython(images_to_pictures, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='newsitem',
            name='image',
        ),
        migrations.RemoveField(
            model_name='newsitem',
            name='image_alt',
        ),
    ]

"""The joint stands move from the app `events` (its migrations 0003-0008) to `stands` without
copying a row.

1. The models enter stands' migration state on their old tables (no database change). The
   stand's translated columns (title_de, description_en, ...: django-modeltranslation) are
   plain fields here, as in the migrations they came from.
2. The tables are renamed (`AlterModelTable`: events_jointstand -> stands_jointstand,
   events_coexhibitorapplication -> stands_coexhibitorapplication). PostgreSQL keeps every row,
   sequence, index, constraint and foreign key with the table.
3. Their content types move to the label `stands`, so that the permissions (held by the
   regional management's group and by users), admin log entries and the rows of the audit
   history stay theirs.

Their audit history stays where the portal keeps every history, in the app `backoffice`
(tables backoffice_historicaljointstand and backoffice_historicalcoexhibitorapplication, content
types `backoffice.*`): backoffice/migrations/0009 only points the historical application's
`stand` at `stands.JointStand` (a column without a database constraint). No periodic job or
other task lived in the moved modules, so no queued task names one. events/migrations/0009
then takes the models out of the old app's state.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["jointstand", "coexhibitorapplication"]


def move_content_types(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        # A content type of the new label exists only if something created it meanwhile (a
        # migrate stopped halfway); the old one, with the permissions granted, wins.
        if content_types.filter(app_label=old, model=model).exists():
            content_types.filter(app_label=new, model=model).delete()
            content_types.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_new_app(apps, schema_editor):
    move_content_types(apps, schema_editor, "events", "stands")


def content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, "stands", "events")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0009_picture"),
        ("legal", "0001_initial"),
        ("members", "0009_privacy_notice_in_legal"),
        # Every migration that refers to the old tables runs before they are renamed.
        ("backoffice", "0010_region_contacts_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='JointStand',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_de', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('hall', models.CharField(blank=True, max_length=40, verbose_name='hall')),
                        ('stand_number', models.CharField(blank=True, max_length=40, verbose_name='stand number')),
                        ('total_area', models.DecimalField(blank=True, decimal_places=1, max_digits=7, null=True, verbose_name='total area (m²)')),
                        ('places', models.PositiveSmallIntegerField(help_text='How many counters or modules co-exhibitors can take.', verbose_name='co-exhibitor places')),
                        ('place_size', models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True, verbose_name='size of a place (m²)')),
                        ('place_price', models.DecimalField(blank=True, decimal_places=2, help_text='Net, invoiced after the fair. Empty when not announced.', max_digits=8, null=True, verbose_name='price of a place (EUR)')),
                        ('application_deadline', models.DateField(blank=True, help_text='Last day on which members can apply. Empty: no applications online.', null=True, verbose_name='application deadline')),
                        ('services', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('furniture', 'Furniture and counter'), ('power', 'Power supply'), ('internet', 'Internet access'), ('catering', 'Catering and drinks'), ('storage', 'Storage room'), ('catalogue', 'Listing in the fair catalogue'), ('meeting', 'Shared meeting area')], max_length=20), blank=True, default=list, verbose_name='the stand provides')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('description_de', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                        ('is_published', models.BooleanField(default=True, verbose_name='published')),
                        ('event', models.OneToOneField(limit_choices_to={'kind': 'trade_fair'}, on_delete=django.db.models.deletion.CASCADE, related_name='joint_stand', to='events.event', verbose_name='trade fair')),
                        ('manager', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='joint_stands', to=settings.AUTH_USER_MODEL, verbose_name='responsible manager')),
                    ],
                    options={
                        'db_table': 'events_jointstand',
                        'verbose_name': 'joint stand',
                        'verbose_name_plural': 'joint stands',
                        'ordering': ['event__start'],
                    },
                ),
                migrations.CreateModel(
                    name='CoExhibitorApplication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('consented_at', models.DateTimeField(blank=True, null=True, verbose_name='consent given at')),
                        ('contact_name', models.CharField(max_length=120, verbose_name='name of the contact person')),
                        ('contact_email', models.EmailField(max_length=254, verbose_name='contact e-mail')),
                        ('contact_phone', models.CharField(blank=True, max_length=40, verbose_name='contact phone')),
                        ('products', models.TextField(help_text='What the organisation will present; used for the fair catalogue.', verbose_name='products and services shown')),
                        ('places_needed', models.PositiveSmallIntegerField(default=1, verbose_name='places needed')),
                        ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                        ('status', models.CharField(choices=[('applied', 'Applied'), ('accepted', 'Accepted'), ('waiting', 'On the waiting list'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='applied', max_length=10, verbose_name='status')),
                        ('language', models.CharField(choices=[('de', 'German'), ('en', 'English')], default='de', max_length=5, verbose_name='language')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='applied at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                        ('contact_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stand_applications', to='members.contactperson', verbose_name='contact person')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='stand_applications', to='members.organisation', verbose_name='organisation')),
                        ('privacy_notice', models.ForeignKey(blank=True, limit_choices_to={'kind': 'privacy'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='legal.legalpage', verbose_name='privacy notice agreed to')),
                        ('stand', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='stands.jointstand', verbose_name='joint stand')),
                    ],
                    options={
                        'db_table': 'events_coexhibitorapplication',
                        'verbose_name': 'co-exhibitor application',
                        'verbose_name_plural': 'co-exhibitor applications',
                        'ordering': ['stand', 'created_at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='jointstand',
                    index=models.Index(fields=['is_published', 'event'], name='jointstand_published'),
                ),
                migrations.AddConstraint(
                    model_name='jointstand',
                    constraint=models.CheckConstraint(condition=models.Q(('places__gte', 1)), name='jointstand_places_positive'),
                ),
                migrations.AddConstraint(
                    model_name='jointstand',
                    constraint=models.CheckConstraint(condition=models.Q(('total_area__isnull', True), ('total_area__gt', 0), _connector='OR'), name='jointstand_area_positive'),
                ),
                migrations.AddConstraint(
                    model_name='jointstand',
                    constraint=models.CheckConstraint(condition=models.Q(('place_size__isnull', True), ('place_size__gt', 0), _connector='OR'), name='jointstand_place_size_positive'),
                ),
                migrations.AddConstraint(
                    model_name='jointstand',
                    constraint=models.CheckConstraint(condition=models.Q(('place_price__isnull', True), ('place_price__gte', 0), _connector='OR'), name='jointstand_price_not_negative'),
                ),
                migrations.AddIndex(
                    model_name='coexhibitorapplication',
                    index=models.Index(fields=['stand', 'status'], name='coexhibitor_stand_status'),
                ),
                migrations.AddIndex(
                    model_name='coexhibitorapplication',
                    index=models.Index(fields=['organisation', 'status'], name='coexhibitor_org_status'),
                ),
                migrations.AddConstraint(
                    model_name='coexhibitorapplication',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['applied', 'accepted', 'waiting'])), fields=('stand', 'organisation'), name='coexhibitor_one_active_per_organisation', violation_error_message='This organisation has already applied for this joint stand.'),
                ),
                migrations.AddConstraint(
                    model_name='coexhibitorapplication',
                    constraint=models.CheckConstraint(condition=models.Q(('places_needed__gte', 1)), name='coexhibitor_places_needed_positive'),
                ),
                migrations.AddConstraint(
                    model_name='coexhibitorapplication',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['applied', 'accepted', 'waiting', 'declined', 'withdrawn'])), name='coexhibitor_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='coexhibitorapplication',
                    constraint=models.CheckConstraint(condition=models.Q(('contact_email', ''), _negated=True), name='coexhibitor_contact_email_given'),
                ),
            ],
        ),
        migrations.AlterModelTable(name="jointstand", table=None),
        migrations.AlterModelTable(name="coexhibitorapplication", table=None),
        migrations.RunPython(content_types_to_new_app, content_types_back),
    ]

"""The B2B meetings move from the app `partnering` (its migration 0002) to `b2b` without
copying a row.

1. The models enter b2b's migration state on their old tables (no database change), the
   exchange's proxy of events.Event with them.
2. The tables are renamed (`AlterModelTable`: partnering_meeting -> b2b_meeting, ...; the
   profiles' innovation fields go along, partnering_b2bprofile_innovation_fields ->
   b2b_b2bprofile_innovation_fields). PostgreSQL keeps every row, sequence, index, constraint
   and foreign key with the table.
3. Their content types, the proxy's included, move to the label `b2b`, so that permissions
   and admin log entries stay theirs.

The B2B models keep no audit history, and no task lived in the moved modules. Then
partnering/migrations/0005 takes the models out of the old app's state.
"""

import django.db.models.deletion
import django.db.models.functions.comparison
import django.utils.timezone
from django.db import migrations, models

MODELS = ["b2bexchange", "b2bprofile", "meeting", "meetingseat", "meetingslot", "meetingtable"]


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
    move_content_types(apps, schema_editor, "partnering", "b2b")


def content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, "b2b", "partnering")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0008_privacy_notice_in_legal"),
        ("members", "0009_privacy_notice_in_legal"),
        ("partnering", "0004_privacy_notice_in_legal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='B2BExchange',
                    fields=[
                    ],
                    options={
                        'verbose_name': 'B2B exchange (meeting plan)',
                        'verbose_name_plural': 'B2B exchanges (meeting plans)',
                        'proxy': True,
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('events.event',),
                ),
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message', models.TextField(blank=True, max_length=1000, verbose_name='message')),
                        ('status', models.CharField(choices=[('requested', 'Requested'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='requested', max_length=20, verbose_name='status')),
                        ('unplaced_reason', models.CharField(blank=True, choices=[('no_common_slot', 'The two participants have no free slot in common.'), ('no_table', 'No table is free in the slots both participants have free.'), ('no_slots', 'The event has no meeting slots or tables yet.'), ('not_confirmed', 'One of the two is no longer a confirmed participant.')], max_length=20, verbose_name='why it could not be scheduled')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested at')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='events.event', verbose_name='event')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings_received', to='events.registration', verbose_name='requested from')),
                        ('requester', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings_requested', to='events.registration', verbose_name='requested by')),
                    ],
                    options={
                        'db_table': 'partnering_meeting',
                        'verbose_name': 'B2B meeting',
                        'verbose_name_plural': 'B2B meetings',
                        'ordering': ['event', 'slot__start', 'table__position', 'created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingSlot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('start', models.DateTimeField(verbose_name='start')),
                        ('end', models.DateTimeField(verbose_name='end')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_slots', to='events.event', verbose_name='event')),
                    ],
                    options={
                        'db_table': 'partnering_meetingslot',
                        'verbose_name': 'meeting slot',
                        'verbose_name_plural': 'meeting slots',
                        'ordering': ['event', 'start', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingSeat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='b2b.meeting', verbose_name='meeting')),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_seats', to='events.registration', verbose_name='participant')),
                        ('slot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='b2b.meetingslot', verbose_name='slot')),
                    ],
                    options={
                        'db_table': 'partnering_meetingseat',
                        'verbose_name': 'meeting seat',
                        'verbose_name_plural': 'meeting seats',
                        'ordering': ['slot__start', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='meeting',
                    name='slot',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='b2b.meetingslot', verbose_name='slot'),
                ),
                migrations.CreateModel(
                    name='MeetingTable',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=40, verbose_name='name or number')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_tables', to='events.event', verbose_name='event')),
                    ],
                    options={
                        'db_table': 'partnering_meetingtable',
                        'verbose_name': 'meeting table',
                        'verbose_name_plural': 'meeting tables',
                        'ordering': ['event', 'position', 'name', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='meeting',
                    name='table',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='b2b.meetingtable', verbose_name='table'),
                ),
                migrations.CreateModel(
                    name='B2BProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('offer', models.TextField(blank=True, max_length=1500, verbose_name='what we offer')),
                        ('seek', models.TextField(blank=True, max_length=1500, verbose_name='what we are looking for')),
                        ('is_published', models.BooleanField(default=True, verbose_name='visible to the other participants')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('innovation_fields', models.ManyToManyField(blank=True, related_name='b2b_profiles', to='members.innovationfield', verbose_name='innovation fields')),
                        ('organisation', models.ForeignKey(blank=True, help_text='Only if the participant comes from a member organisation.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='b2b_profiles', to='members.organisation', verbose_name='member organisation')),
                        ('registration', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='b2b_profile', to='events.registration', verbose_name='registration')),
                    ],
                    options={
                        'db_table': 'partnering_b2bprofile',
                        'verbose_name': 'B2B profile',
                        'verbose_name_plural': 'B2B profiles',
                        'ordering': ['registration__event', 'registration__organisation_name', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('offer', ''), _negated=True), models.Q(('seek', ''), _negated=True), _connector='OR'), name='b2bprofile_has_text')],
                    },
                ),
                migrations.AddIndex(
                    model_name='meetingslot',
                    index=models.Index(fields=['event', 'start'], name='slot_event_start_idx'),
                ),
                migrations.AddConstraint(
                    model_name='meetingslot',
                    constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='slot_end_after'),
                ),
                migrations.AddConstraint(
                    model_name='meetingslot',
                    constraint=models.UniqueConstraint(fields=('event', 'start'), name='slot_unique_start'),
                ),
                migrations.AddConstraint(
                    model_name='meetingseat',
                    constraint=models.UniqueConstraint(fields=('slot', 'registration'), name='seat_one_meeting_per_person_and_slot'),
                ),
                migrations.AddConstraint(
                    model_name='meetingseat',
                    constraint=models.UniqueConstraint(fields=('meeting', 'registration'), name='seat_unique'),
                ),
                migrations.AddConstraint(
                    model_name='meetingtable',
                    constraint=models.UniqueConstraint(fields=('event', 'name'), name='table_unique_name'),
                ),
                migrations.AddIndex(
                    model_name='meeting',
                    index=models.Index(fields=['event', 'status'], name='meeting_event_status_idx'),
                ),
                migrations.AddIndex(
                    model_name='meeting',
                    index=models.Index(fields=['created_at'], name='meeting_created_idx'),
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.CheckConstraint(condition=models.Q(('requester', models.F('recipient')), _negated=True), name='meeting_two_people'),
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.UniqueConstraint(django.db.models.functions.comparison.Least('requester', 'recipient'), django.db.models.functions.comparison.Greatest('requester', 'recipient'), name='meeting_one_per_pair'),
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.UniqueConstraint(condition=models.Q(('slot__isnull', False)), fields=('slot', 'table'), name='meeting_one_per_table_and_slot'),
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('slot__isnull', True), ('table__isnull', True)), models.Q(('slot__isnull', False), ('status', 'accepted'), ('table__isnull', False)), _connector='OR'), name='meeting_placed_has_slot_and_table'),
                ),
            ],
        ),
        migrations.AlterModelTable(name="meeting", table=None),
        migrations.AlterModelTable(name="meetingslot", table=None),
        migrations.AlterModelTable(name="meetingseat", table=None),
        migrations.AlterModelTable(name="meetingtable", table=None),
        migrations.AlterModelTable(name="b2bprofile", table=None),
        migrations.RunPython(content_types_to_new_app, content_types_back),
    ]

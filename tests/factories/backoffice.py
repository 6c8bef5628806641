from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from backoffice.models import StaffRegion


def make_staff(username, group_name, regions=()):
    """A staff user in a role (`backoffice.roles`), looking after `regions`."""
    user = get_user_model().objects.create_user(
        username=username, password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    for region in regions:
        StaffRegion.objects.create(user=user, region=region)
    return user

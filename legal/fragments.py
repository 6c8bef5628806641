"""What the legal app's changes show on cached pages (see `core.fragments`): the legal pages
(the app's topic `legal`, by default); a barrier report shows nowhere."""

from core.fragments import affects

from .models import BarrierReport

affects(BarrierReport)

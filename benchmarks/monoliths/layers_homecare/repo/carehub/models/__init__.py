from carehub.models.base import TimestampMixin  # noqa
from carehub.models.client import *  # noqa
from carehub.models.care import *  # noqa
from carehub.models.staff import *  # noqa
from carehub.models.visit import *  # noqa
from carehub.models.finance import *  # noqa
from carehub.models.incident import *  # noqa

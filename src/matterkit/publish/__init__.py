"""Publishing: service guides (website, Word, PDF) and the power-and-responsibility list."""

from matterkit.publish.api import PublishResult, publish_all
from matterkit.publish.config import PublishConfig, config_from_section

__all__ = ["PublishConfig", "PublishResult", "config_from_section", "publish_all"]

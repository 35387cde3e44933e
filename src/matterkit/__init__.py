"""matterkit: keep a county's catalogue of government service matters (政务服务事项) consistent."""

__version__ = "0.1.0"

"""netrack: run a job search or networking effort like a business."""

__version__ = "0.1.0"

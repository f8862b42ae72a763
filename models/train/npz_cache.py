"""Generated data sets cached as .npz files (under --cache), made on first use."""
import numpy as np


def cached(path, make):
    """The arrays saved in `path`; when it is missing, `make()` returns them as a dict first."""
    if not path.exists():
        np.savez(path, **make())
    return np.load(path)

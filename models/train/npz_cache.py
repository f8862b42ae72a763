"""Generated data sets cached as .npz files (under --cache), made on first use."""
import numpy as np


def cached(path, make):
    """The arrays saved in `path`; when it is missing, `make()` returns them as a dict first."""
    if not path.exists():
        np.savez(path, **make())
    return np.load(path)


def cached_crops(path, render):
    """(crops, labels) from `render()`, which returns (crops, labels, ...), cached in `path`."""
    def make():
        crops, labels = render()[:2]
        return {"crops": crops, "labels": np.array(labels)}
    data = cached(path, make)
    return data["crops"], list(data["labels"])

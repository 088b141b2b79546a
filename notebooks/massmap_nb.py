"""Small helpers shared by the massmap notebooks.

Finds a run's product directory (a `massmap sample` output, or one tile of a survey output),
reads its FITS maps and tables, brings a truth map onto the tile grid through the WCS, recomputes
the statistics the Java side writes (so the notebooks can check them), and draws maps with WCS
axes, North up and East left, masked pixels grey.

Only numpy, astropy and matplotlib are used (Debian: python3-astropy, python3-matplotlib).
"""

import hashlib
import json
import math
import os
import sys
import warnings
from pathlib import Path

import numpy as np
from astropy.io import fits
from astropy.table import Table
from astropy.units import UnitsWarning
from astropy.wcs import WCS
from astropy.wcs.utils import proj_plane_pixel_scales

HERE = Path(__file__).resolve().parent
# Default inputs when MASSMAP_RUN is not set: a demo made as README.md shows.
DEMO_DIR = HERE / "demo-out"
DEMO_RUN = DEMO_DIR / "run"
DEMO_TRUTH = DEMO_DIR / "survey" / "truth_kappa.fits"
DEMO_HALOS = DEMO_DIR / "survey" / "halos.fits"

# A directory holding one of these is a product directory (one tile's maps).
PRODUCT_MARKERS = ("posterior_mean.fits", "samples.fits")

SUMMARY_FILES = {
    "mean": "posterior_mean.fits",
    "std": "posterior_std.fits",
    "median": "posterior_median.fits",
    "q02.5": "posterior_q02.5.fits",
    "q16": "posterior_q16.fits",
    "q84": "posterior_q84.fits",
    "q97.5": "posterior_q97.5.fits",
}


class RunNotFound(FileNotFoundError):
    """MASSMAP_RUN (or the path given) is not a readable massmap output."""


# ----------------------------------------------------------------------------------------------
# Parameters and run layout

def _optional_path(var, demo_default, use_demo):
    value = os.environ.get(var, "").strip()
    if value:
        p = Path(value).expanduser()
        if not p.is_file():
            raise FileNotFoundError(f"{var}={value}: no such file")
        return p
    if use_demo and demo_default.is_file():
        return demo_default
    return None


def parameters(verbose=True):
    """The notebook inputs from the environment.

    MASSMAP_RUN    product directory or survey output directory (default: notebooks/demo-out/run)
    MASSMAP_TILE   tile id inside a survey output (default: the first in sorted order)
    MASSMAP_TRUTH  optional truth κ FITS image (default: the demo's, only when MASSMAP_RUN is unset)
    MASSMAP_HALOS  optional halo table (HALOS: ra, dec, m200, ...), same default rule

    Raises RunNotFound when the run is missing or unreadable. Returns a dict with keys
    run_arg, run (the product directory), tile, truth, halos, survey (the survey output dir or None).
    """
    expected = os.environ.get("MASSMAP_EXPECT_PYTHON", "").strip()
    if expected and os.path.realpath(sys.executable) != os.path.realpath(expected):
        raise RuntimeError(f"this kernel runs {sys.executable}, expected {expected}")
    run_env = os.environ.get("MASSMAP_RUN", "").strip()
    use_demo = not run_env
    run_arg = Path(run_env).expanduser() if run_env else DEMO_RUN
    tile = os.environ.get("MASSMAP_TILE", "").strip() or None
    if use_demo and not run_arg.exists():
        raise RunNotFound(f"MASSMAP_RUN is not set and the default demo run {run_arg} does not exist; "
                          "set MASSMAP_RUN to a massmap output directory or make the demo (notebooks/README.md)")
    run = resolve_run(run_arg, tile)
    survey = run_arg if is_survey(run_arg) else None
    p = {
        "run_arg": run_arg,
        "run": run,
        "tile": tile if survey is None else (tile or survey_tiles(run_arg)[0]),
        "survey": survey,
        "truth": _optional_path("MASSMAP_TRUTH", DEMO_TRUTH, use_demo),
        "halos": _optional_path("MASSMAP_HALOS", DEMO_HALOS, use_demo),
    }
    if verbose:
        print(f"python      {sys.executable}")
        print(f"run         {run_arg}" + ("  (default demo)" if use_demo else ""))
        if survey is not None:
            print(f"tile        {p['tile']}")
        print(f"products    {run}")
        print(f"truth       {p['truth'] or '(none: MASSMAP_TRUTH not set)'}")
        print(f"halos       {p['halos'] or '(none: MASSMAP_HALOS not set)'}")
    return p


def is_product_dir(path):
    path = Path(path)
    return path.is_dir() and any((path / m).is_file() for m in PRODUCT_MARKERS)


def is_survey(path):
    return Path(path, "tiles").is_dir()


MOSAIC_ID = "mosaic"  # OUT/tiles/mosaic holds the survey mosaic, not a tile


def survey_tiles(out):
    """Tile ids of a survey output that have a current.json, sorted (the survey mosaic excluded)."""
    tiles_dir = Path(out, "tiles")
    return sorted(d.name for d in tiles_dir.iterdir()
                  if d.name != MOSAIC_ID and (d / "current.json").is_file())


def read_current(out, tile):
    path = Path(out, "tiles", tile, "current.json")
    if not path.is_file():
        raise RunNotFound(f"{path}: no such file (tile {tile!r} has no committed attempt)")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def resolve_run(path, tile=None):
    """The product directory holding one tile's maps.

    A product directory is returned as it is. For a survey output directory (one with tiles/), reads
    tiles/<tile>/current.json (the first tile in sorted order if tile is None) and returns the
    directory of its committed attempt, after checking that the files it lists exist with their sizes.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise RunNotFound(f"{path}: no such file or directory")
    if not path.is_dir():
        raise RunNotFound(f"{path}: not a directory (expected a massmap product or survey output directory)")
    if is_survey(path):
        tiles = survey_tiles(path)
        if not tiles:
            raise RunNotFound(f"{path}/tiles: no tile has a current.json")
        if tile is None:
            tile = tiles[0]
        current = read_current(path, tile)
        attempt = current.get("attempt")
        if not attempt or Path(attempt).is_absolute() or ".." in Path(attempt).parts:
            raise RunNotFound(f"{path}/tiles/{tile}/current.json: bad attempt {attempt!r}")
        product = path / "tiles" / tile / attempt
        if not product.is_dir():
            raise RunNotFound(f"{product}: attempt directory named by current.json does not exist")
        problems = verify_files(product, current.get("files", []), sha256=False)
        if problems:
            raise RunNotFound(f"tile {tile}: " + "; ".join(problems))
        path = product
    if not is_product_dir(path):
        raise RunNotFound(f"{path}: neither a product directory (no {' or '.join(PRODUCT_MARKERS)}) "
                          "nor a survey output (no tiles/)")
    return path


def verify_files(directory, files, sha256=True):
    """Checks files listed as {name, bytes, sha256} against a directory; returns a list of problems."""
    problems = []
    for entry in files:
        p = Path(directory, entry["name"])
        if not p.is_file():
            problems.append(f"{entry['name']} is missing")
            continue
        if "bytes" in entry and p.stat().st_size != entry["bytes"]:
            problems.append(f"{entry['name']} has {p.stat().st_size} bytes, current.json says {entry['bytes']}")
            continue
        if sha256 and entry.get("sha256"):
            h = hashlib.sha256()
            with open(p, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            if h.hexdigest() != entry["sha256"]:
                problems.append(f"{entry['name']}: sha256 differs from current.json")
    return problems


def load_json(path):
    """JSON with the Java side's "NaN"/"Infinity" strings turned into floats."""
    with open(path, encoding="utf-8") as f:
        return _numbers(json.load(f))


def _numbers(v):
    if isinstance(v, dict):
        return {k: _numbers(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_numbers(x) for x in v]
    if isinstance(v, str) and v in ("NaN", "Infinity", "-Infinity"):
        return float(v)
    return v


# ----------------------------------------------------------------------------------------------
# FITS input

def read_map(path, name=None):
    """(data as float64, WCS, header) of an image HDU: the one with EXTNAME `name`, else the first image."""
    with fits.open(path, memmap=False) as hdul:
        if name is not None:
            hdu = hdul[name]
        else:
            images = [h for h in hdul if h.is_image and h.data is not None and h.data.ndim >= 2]
            if not images:
                raise ValueError(f"{path}: no image HDU")
            hdu = images[0]
        data = np.array(hdu.data, dtype=np.float64)
        header = hdu.header.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wcs = WCS(header)
    return data, wcs, header


def read_table(path, extname):
    """A FITS binary table as an astropy Table (units FITS does not know, e.g. Msun/h, kept as text)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnitsWarning)
        return Table.read(path, hdu=extname)


def hdu_names(path):
    with fits.open(path, memmap=False) as hdul:
        return [h.name for h in hdul]


def reproject_nearest(truth_file, target_wcs, shape, name=None):
    """A map (e.g. the truth κ, often on a larger footprint) sampled onto the tile grid: for each tile
    pixel, the value of the source pixel nearest to the same sky position; NaN outside the source."""
    src, src_wcs, _ = read_map(truth_file, name)
    if src.ndim != 2:
        raise ValueError(f"{truth_file}: expected a 2-d image, got shape {src.shape}")
    ny, nx = shape
    yy, xx = np.mgrid[0:ny, 0:nx]
    ra, dec = target_wcs.celestial.pixel_to_world_values(xx, yy)
    sx, sy = src_wcs.celestial.world_to_pixel_values(ra, dec)
    ix = np.floor(np.asarray(sx) + 0.5)
    iy = np.floor(np.asarray(sy) + 0.5)
    ok = np.isfinite(ix) & np.isfinite(iy) & (ix >= 0) & (iy >= 0) & (ix < src.shape[1]) & (iy < src.shape[0])
    out = np.full((ny, nx), np.nan)
    out[ok] = src[iy[ok].astype(int), ix[ok].astype(int)]
    return out


def pixel_arcmin(wcs):
    scales = proj_plane_pixel_scales(wcs.celestial)  # degrees per pixel along each axis
    return float(np.mean(scales)) * 60.0


def footprint_contains(wcs, shape, ra, dec):
    """Pixel indices (x, y, inside) of sky positions on a grid (nearest pixel)."""
    x, y = wcs.celestial.world_to_pixel_values(np.asarray(ra, float), np.asarray(dec, float))
    xi = np.floor(np.asarray(x) + 0.5)
    yi = np.floor(np.asarray(y) + 0.5)
    inside = np.isfinite(xi) & np.isfinite(yi) & (xi >= 0) & (yi >= 0) & (xi < shape[1]) & (yi < shape[0])
    return np.where(inside, xi, -1).astype(int), np.where(inside, yi, -1).astype(int), inside


# ----------------------------------------------------------------------------------------------
# Statistics (the same definitions as the Java side, so results can be compared)

def sky_directions(wcs, x=None, y=None):
    """Unit vectors (in pixel x, y) pointing North and East at a pixel (default: the grid centre)."""
    w = wcs.celestial
    if x is None:
        x = (w.pixel_shape[0] - 1) / 2 if w.pixel_shape else w.wcs.crpix[0] - 1
        y = (w.pixel_shape[1] - 1) / 2 if w.pixel_shape else w.wcs.crpix[1] - 1
    ra, dec = w.pixel_to_world_values(x, y)
    d = 1e-3  # degrees
    xn, yn = w.world_to_pixel_values(ra, dec + d)
    xe, ye = w.world_to_pixel_values(ra + d / math.cos(math.radians(dec)), dec)
    north = np.array([xn - x, yn - y], float)
    east = np.array([xe - x, ye - y], float)
    return north / np.hypot(*north), east / np.hypot(*east)


def check_north_up_east_left(wcs, tolerance_deg=1.0):
    """Raises AssertionError unless North points up (+y) and East left (-x) at the grid centre."""
    north, east = sky_directions(wcs)
    cos_tol = math.cos(math.radians(tolerance_deg))
    assert north[1] > cos_tol, f"North is not up: direction {north} in pixel (x, y)"
    assert -east[0] > cos_tol, f"East is not left: direction {east} in pixel (x, y)"
    return north, east


def power_spectrum(maps, pixel_rad, nbins=12):
    """Binned flat-sky power spectrum: C(ℓ) = |FFT(κ)_k|² Δ²/N averaged in `nbins` logarithmic ℓ bins
    from the fundamental 2π/(nΔ) to the largest |k| (ℓ = 2π|k|/Δ, k = 0 excluded), as the Java
    PowerSpectrumEstimator. `maps` is one map or a stack (first axis); a stack gives the mean spectrum.
    Returns (ell, cl): ell the mean multipole of each bin's modes. Maps must be finite (see fill_nan)."""
    maps = np.asarray(maps, dtype=np.float64)
    stack = maps[None] if maps.ndim == 2 else maps
    n, ny, nx = stack.shape
    ky = np.fft.fftfreq(ny)[:, None]
    kx = np.fft.fftfreq(nx)[None, :]
    ell = 2 * np.pi * np.hypot(kx, ky) / pixel_rad
    ell_min = 2 * np.pi / (max(nx, ny) * pixel_rad)
    ell_max = 2 * np.pi * math.sqrt(0.5) / pixel_rad * (1 + 1e-9)
    edges = ell_min * (ell_max / ell_min) ** (np.arange(nbins + 1) / nbins)
    edges[0] *= 1 - 1e-9
    b = np.searchsorted(edges, ell, side="right") - 1
    b[(ell < edges[0]) | (ell > edges[-1])] = -1
    b[0, 0] = -1
    use = b >= 0
    counts = np.bincount(b[use], minlength=nbins)
    ell_mean = np.bincount(b[use], weights=ell[use], minlength=nbins) / np.maximum(counts, 1)
    power = np.abs(np.fft.fft2(stack)) ** 2 * pixel_rad ** 2 / (nx * ny)
    cl = np.array([np.bincount(b[use], weights=p[use], minlength=nbins) for p in power]).mean(axis=0)
    cl = np.where(counts > 0, cl / np.maximum(counts, 1), np.nan)
    ell_mean = np.where(counts > 0, ell_mean, np.sqrt(edges[:-1] * edges[1:]))
    return ell_mean, cl


def validation_file(run):
    """The validation.json of a product directory: in the directory itself (`massmap validate` on a
    product directory), or, for a tile of a survey output OUT/tiles/TILE/ATTEMPT, in OUT/validation/TILE/
    (where `massmap validate --tile` and `massmap demo` write it). May not exist."""
    run = Path(run)
    own = run / "validation.json"
    if own.is_file():
        return own
    if run.parent.parent.name == "tiles":
        survey = run.parent.parent.parent / "validation" / run.parent.name / "validation.json"
        if survey.is_file():
            return survey
    return own


def windowed(m, window):
    """The map minus its mean inside `window` (boolean), zero outside: the same window for every map
    makes pseudo power spectra comparable (as validation.json's, which use the observed pixels where
    the truth is known)."""
    m = np.asarray(m, dtype=np.float64)
    out = np.zeros_like(m)
    out[window] = m[window] - m[window].mean()
    return out


def fill_nan(m, value=None):
    """A copy with non-finite pixels set to `value` (default: the mean of the finite pixels)."""
    m = np.array(m, dtype=np.float64)
    bad = ~np.isfinite(m)
    m[bad] = np.nanmean(np.where(bad, np.nan, m)) if value is None else value
    return m


def map_metrics(estimate, truth, select):
    """(rmse, pearson) over selected pixels with finite values, both maps mean-subtracted first."""
    ok = select & np.isfinite(truth) & np.isfinite(estimate)
    e = estimate[ok] - estimate[ok].mean()
    t = truth[ok] - truth[ok].mean()
    return float(np.sqrt(np.mean((e - t) ** 2))), float(np.sum(e * t) / np.sqrt(np.sum(e * e) * np.sum(t * t)))


def coverage(truth, mean, lower, upper, select):
    """Fraction of selected pixels whose truth (shifted to the posterior mean's mean) is inside [lower, upper]."""
    ok = select & np.isfinite(truth)
    t = truth[ok] + np.mean(mean[ok] - truth[ok])
    return float(np.mean((t >= lower[ok]) & (t <= upper[ok])))


def skewness(x):
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    d = x - x.mean()
    return float(np.mean(d ** 3) / np.mean(d ** 2) ** 1.5)


# ----------------------------------------------------------------------------------------------
# Plotting (imported lazily so the module can be used without a display)

def _plt():
    import matplotlib.pyplot as plt
    return plt


def sky_figure(wcs, n, ncols=3, panel=(4.2, 3.6), title=None):
    """A figure with n WCS panels (RA/Dec axes); returns (fig, list of axes)."""
    plt = _plt()
    nrows = max(1, math.ceil(n / ncols))
    ncols = min(ncols, n)
    fig = plt.figure(figsize=(panel[0] * ncols, panel[1] * nrows), constrained_layout=True)
    axes = [fig.add_subplot(nrows, ncols, i + 1, projection=wcs.celestial) for i in range(n)]
    if title:
        fig.suptitle(title)
    return fig, axes


def symmetric_limits(*maps, percentile=99.5):
    v = np.concatenate([np.abs(np.asarray(m, float)[np.isfinite(m)]).ravel() for m in maps])
    lim = float(np.percentile(v, percentile)) if v.size else 1.0
    return -lim, lim


def show_map(ax, data, title="", cmap="RdBu_r", vmin=None, vmax=None, label="κ", compass=True, colorbar=True):
    """Draws a map on a WCS axis: origin lower (row 0 at the bottom), so a massmap grid shows North up,
    East left; NaN (masked) pixels grey; RA/Dec tick labels in degrees; colorbar and N/E arrows."""
    plt = _plt()
    cm = plt.get_cmap(cmap).copy()
    cm.set_bad("0.6")
    im = ax.imshow(np.ma.masked_invalid(data), origin="lower", cmap=cm, vmin=vmin, vmax=vmax,
                   interpolation="nearest")
    if hasattr(ax, "coords"):
        ra, dec = ax.coords[0], ax.coords[1]
        ra.set_axislabel("RA (deg)")
        dec.set_axislabel("Dec (deg)")
        ra.set_major_formatter("d.dd")
        dec.set_major_formatter("d.dd")
        ra.set_ticks(number=4)
        dec.set_ticks(number=4)
        if compass:
            add_compass(ax)
    if title:
        ax.set_title(title, fontsize=10)
    if colorbar:
        ax.figure.colorbar(im, ax=ax, shrink=0.85, label=label)
    return im


def add_compass(ax, wcs=None, corner=(0.85, 0.12), length=None):
    """Arrows pointing North and East, computed from the WCS (so they show the true orientation);
    black with a white outline to stay readable on any colour map."""
    import matplotlib.patheffects as pe
    w = (wcs or ax.wcs).celestial
    nx, ny = w.pixel_shape if w.pixel_shape else (ax.get_xlim()[1] + 0.5, ax.get_ylim()[1] + 0.5)
    if length is None:
        length = 0.12 if min(nx, ny) >= 30 else 0.2
    x0, y0 = corner[0] * (nx - 1), corner[1] * (ny - 1)
    north, east = sky_directions(w, x0, y0)
    size = length * min(nx, ny)
    outline = [pe.withStroke(linewidth=3, foreground="white")]
    for vec, label in ((north, "N"), (east, "E")):
        tip = (x0 + size * vec[0], y0 + size * vec[1])
        arrow = ax.annotate("", xy=tip, xytext=(x0, y0),
                            arrowprops=dict(arrowstyle="-|>,head_width=0.25", color="black", lw=1.3, shrinkA=0, shrinkB=0))
        arrow.arrow_patch.set_path_effects(outline)
        ax.text(x0 + 1.45 * size * vec[0], y0 + 1.45 * size * vec[1], label, color="black", fontsize=8,
                fontweight="bold", ha="center", va="center", path_effects=outline)


def cutout(data, wcs, x, y, half):
    """(sub-image, its WCS) of a (2*half+1)-pixel box around pixel (x, y), clipped at the edges."""
    ny, nx = data.shape[-2:]
    y0, y1 = max(0, y - half), min(ny, y + half + 1)
    x0, x1 = max(0, x - half), min(nx, x + half + 1)
    sub_wcs = wcs.celestial[y0:y1, x0:x1]
    return data[..., y0:y1, x0:x1], sub_wcs


def gaussian_smooth(m, sigma_pixels):
    """Gaussian smoothing on the periodic grid (Fourier space, kernel std in pixels), as the Java side
    smooths the samples before looking for peaks. Works on a map or a stack (last two axes)."""
    m = np.asarray(m, dtype=np.float64)
    ny, nx = m.shape[-2:]
    k2 = np.fft.fftfreq(ny)[:, None] ** 2 + np.fft.fftfreq(nx)[None, :] ** 2
    kernel = np.exp(-2 * np.pi ** 2 * sigma_pixels ** 2 * k2)
    return np.fft.ifft2(np.fft.fft2(m) * kernel).real

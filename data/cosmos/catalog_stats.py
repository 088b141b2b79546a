#!/usr/bin/env python3
"""Prints the facts about data/cosmos/ quoted in data/cosmos/README.md and docs/cosmos.md.

Usage (from the repository root): /usr/bin/python3 data/cosmos/catalog_stats.py
(needs numpy and astropy: Debian python3-numpy and python3-astropy, which ./run-tests installs)
"""
import os

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
BRIGHT_ROWS = 165159


def gnomonic(ra, dec, ra0, dec0):
    a, d, a0, d0 = map(np.radians, (ra, dec, ra0, dec0))
    cos_c = np.sin(d0) * np.sin(d) + np.cos(d0) * np.cos(d) * np.cos(a - a0)
    xi = np.cos(d) * np.sin(a - a0) / cos_c
    eta = (np.cos(d0) * np.sin(d) - np.sin(d0) * np.cos(d) * np.cos(a - a0)) / cos_c
    return xi, eta, np.degrees(np.arccos(np.clip(cos_c, -1, 1)))


def main():
    t = fits.getdata(os.path.join(HERE, "cosmos_shapes.fits"), 1)
    ra, dec, e1, e2, w = (np.asarray(t[k], dtype=np.float64) for k in ("ra", "dec", "e1", "e2", "w"))
    n = len(ra)
    e = np.hypot(e1, e2)
    big = e > 1
    print(f"rows: {n} (bright {BRIGHT_ROWS}, faint {n - BRIGHT_ROWS})")
    print(f"RA  {ra.min():.4f} .. {ra.max():.4f}, median {np.median(ra):.7f}")
    print(f"Dec {dec.min():.4f} .. {dec.max():.4f}, median {np.median(dec):.7f}")
    ra0, dec0 = np.median(ra), np.median(dec)
    xi, eta, sep = gnomonic(ra, dec, ra0, dec0)
    print(f"largest distance from the median position: {sep.max():.3f} deg; "
          f"largest |xi|, |eta|: {np.degrees(np.abs(xi).max()):.3f}, {np.degrees(np.abs(eta).max()):.3f} deg "
          f"(a 360 x 0.29' tile reaches {360 * 0.29 / 120:.3f} deg)")
    print(f"weights: {w.min():.4f} .. {w.max():.4f}, median {np.median(w):.4f}")
    print(f"|e| > 1: {big.sum()} rows ({100 * big.mean():.2f}%; bright {big[:BRIGHT_ROWS].sum()}, "
          f"faint {big[BRIGHT_ROWS:].sum()}); largest |e| {e.max():.4f} (bright {e[:BRIGHT_ROWS].max():.4f}); "
          f"largest |e1|, |e2| {np.abs(e1).max():.4f}, {np.abs(e2).max():.4f}")
    print(f"  their median weight {np.median(w[big]):.3f} (all rows {np.median(w):.3f}); "
          f"share of the total weight {100 * w[big].sum() / w.sum():.2f}%")
    edges = np.arange(1.30, 1.46, 0.02)
    counts, _ = np.histogram(e, bins=edges)
    print("  |e| histogram near the end: " + ", ".join(f"[{a:.2f},{a + 0.02:.2f}): {c}" for a, c in zip(edges, counts)))
    for label, sel in (("all rows", np.ones(n, bool)), ("|e| <= 1", ~big)):
        # the binner's estimate: sigma_e^2 = sum w^2 |e|^2 / 2 / sum w^2 (its 5-sigma clip keeps every row here)
        s = np.sqrt(np.sum(w[sel] ** 2 * e[sel] ** 2) / 2 / np.sum(w[sel] ** 2))
        print(f"sigma_e per component, w^2-weighted ({label}): {s:.4f}")
    for g in (0.02, 0.05):
        resp = []
        for comp in (0, 1):
            shifted = (e1 + g, e2) if comp == 0 else (e1, e2 + g)
            keep, keep0 = np.hypot(*shifted) <= 1, ~big
            mean = np.sum(w[keep] * shifted[comp][keep]) / np.sum(w[keep])
            mean0 = np.sum(w[keep0] * (e1, e2)[comp][keep0]) / np.sum(w[keep0])
            resp.append((mean - mean0) / g)
        print(f"cutting |e| > 1 after a shear g = {g} on every galaxy: weighted mean moves by "
              f"{resp[0]:.4f} g (component 1), {resp[1]:.4f} g (component 2); without the cut by exactly g")
    x = np.loadtxt(os.path.join(HERE, "xray_clusters_finoguenov2006.txt"), comments="#")
    print(f"X-ray clusters: {len(x)}, redshift {x[:, 6].min():.2f} .. {x[:, 6].max():.2f}, "
          f"median {np.median(x[:, 6]):.2f}; within the catalog's RA/Dec range: "
          f"{np.sum((x[:, 1] > ra.min()) & (x[:, 1] < ra.max()) & (x[:, 2] > dec.min()) & (x[:, 2] < dec.max()))}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the compact copy of the HST/COSMOS shape catalog shipped in data/cosmos/ (see README.md).

Input: the 64-bit FITS table (columns ra, dec, e1, e2, w; 417,117 rows), or a directory holding the
five single-column images ra.fits, dec.fits, e1.fits, e2.fits, nhweight_int.fits of
CosmoStat/jax-lensing data/COSMOS/. Output: one binary table of 20 bytes per row instead of 40:

  ra  : 32-bit integer, TZERO 150, TSCAL 1e-7 degree  (the source's 7 decimals, exactly)
  dec : 32-bit integer, TZERO 2,   TSCAL 1e-9 degree  (the source's 9 decimals, exactly)
  e1, e2, w : 32-bit float                            (the source's 6 significant digits, exactly)

The table is written directly with numpy (the FITS layout is simple and this astropy release cannot
write a non-integer TZERO on an integer column); astropy then reads it back as an independent
check: positions must come back within 1e-12 degree of the source and the floats must print to the
same 6 significant digits. Row order is kept.

Usage: /usr/bin/python3 data/cosmos/make_compact_catalog.py SOURCE OUT.fits
(needs numpy and astropy: Debian python3-numpy and python3-astropy, which ./run-tests installs)
"""
import os
import sys

import numpy as np
from astropy.io import fits

ROWS = 417117
BLOCK = 2880
RA_ZERO, RA_SCALE = 150.0, 1e-7
DEC_ZERO, DEC_SCALE = 2.0, 1e-9
COMMENTS = [
    "HST/ACS COSMOS weak-lensing shapes of Schrabback et al. 2010,",
    "A&A 516, A63: ",
    "bright (rows 1-165159) and faint (rows 165160-417117) samples merged,",
    "from CosmoStat/jax-lensing data/COSMOS (MIT licence,",
    "Copyright (c) 2020 CosmoStat Laboratory).",
    "e1, e2: calibrated KSB+ shear estimates;",
    "w: shear-measurement weight (nhweight_int).",
    "Axis and sign conventions, and how massmap reads the table:",
    "data/cosmos/README.md.",
]


def read_source(path):
    if os.path.isdir(path):
        files = {"ra": "ra", "dec": "dec", "e1": "e1", "e2": "e2", "w": "nhweight_int"}
        return {k: np.asarray(fits.getdata(os.path.join(path, f + ".fits")), dtype=np.float64)
                for k, f in files.items()}
    with fits.open(path) as hdus:
        table = hdus[1].data
        return {k: np.asarray(table[k], dtype=np.float64) for k in ("ra", "dec", "e1", "e2", "w")}


def scaled_int(x, zero, scale, name):
    k = np.round((x - zero) / scale)
    if np.abs(k).max() >= 2**31:
        sys.exit(f"{name}: offsets from {zero} do not fit a 32-bit integer at a step of {scale}")
    change = np.abs(zero + scale * k - x).max()
    if change > 1e-12:
        sys.exit(f"{name}: the source has more decimals than a step of {scale} keeps (largest change {change:.3g})")
    return k.astype(np.int32)


def card(key, value=None, comment=""):
    if value is None:
        text = f"{key:<8}{comment}"
    else:
        if isinstance(value, bool):
            v = f"{'T' if value else 'F':>20}"
        elif isinstance(value, str):
            v = f"{chr(39) + value.ljust(8) + chr(39):<20}"
        elif isinstance(value, float):
            v = f"{value:>20.10G}"
        else:
            v = f"{value:>20}"
        text = f"{key:<8}= {v}" + (f" / {comment}" if comment else "")
    if len(text) > 80:
        raise ValueError("FITS card too long: " + text)
    return text.ljust(80)


def header(cards):
    text = "".join(cards + [card("END", None)])
    return (text + " " * (-len(text) % BLOCK)).encode("ascii")


def write(cols, out):
    rows = np.zeros(len(cols["ra"]), dtype=[("ra", ">i4"), ("dec", ">i4"), ("e1", ">f4"), ("e2", ">f4"), ("w", ">f4")])
    rows["ra"] = scaled_int(cols["ra"], RA_ZERO, RA_SCALE, "ra")
    rows["dec"] = scaled_int(cols["dec"], DEC_ZERO, DEC_SCALE, "dec")
    for k in ("e1", "e2", "w"):
        rows[k] = cols[k]
    primary = [card("SIMPLE", True), card("BITPIX", 8), card("NAXIS", 0), card("EXTEND", True)]
    table = [card("XTENSION", "BINTABLE"), card("BITPIX", 8), card("NAXIS", 2),
             card("NAXIS1", rows.dtype.itemsize, "bytes per row"), card("NAXIS2", len(rows), "galaxies"),
             card("PCOUNT", 0), card("GCOUNT", 1), card("TFIELDS", 5)]
    table += [card("TTYPE1", "ra"), card("TFORM1", "1J"), card("TUNIT1", "deg"),
              card("TZERO1", RA_ZERO), card("TSCAL1", RA_SCALE, "ICRS right ascension = TZERO + TSCAL * stored"),
              card("TTYPE2", "dec"), card("TFORM2", "1J"), card("TUNIT2", "deg"),
              card("TZERO2", DEC_ZERO), card("TSCAL2", DEC_SCALE, "ICRS declination = TZERO + TSCAL * stored"),
              card("TTYPE3", "e1"), card("TFORM3", "1E"), card("TTYPE4", "e2"), card("TFORM4", "1E"),
              card("TTYPE5", "w"), card("TFORM5", "1E"), card("EXTNAME", "SHAPES")]
    table += [card("COMMENT", None, " " + c) for c in COMMENTS]
    data = rows.tobytes()
    with open(out, "wb") as f:
        f.write(header(primary))
        f.write(header(table))
        f.write(data)
        f.write(b"\0" * (-len(data) % BLOCK))


def same_digits(a, b):
    six = np.vectorize(lambda v: f"{v:.6g}")
    return np.array_equal(six(a), six(b))


def check(cols, out):
    with fits.open(out) as hdus:
        hdus.verify("exception")
        t = hdus[1].data
        if len(t) != len(cols["ra"]):
            sys.exit(f"{out}: {len(t)} rows read back, expected {len(cols['ra'])}")
        for k in ("ra", "dec"):
            err = np.abs(np.asarray(t[k], dtype=np.float64) - cols[k]).max()
            if err > 1e-12:
                sys.exit(f"{out}: column {k} differs from the source by {err:.3g} degree")
        for k in ("e1", "e2", "w"):
            if not same_digits(np.asarray(t[k], dtype=np.float64), cols[k]):
                sys.exit(f"{out}: column {k} does not keep the source's 6 significant digits")


def main(src, out):
    cols = read_source(src)
    n = len(cols["ra"])
    if n != ROWS or any(len(v) != n for v in cols.values()):
        sys.exit(f"{src}: expected {ROWS} rows in every column, got {[len(v) for v in cols.values()]}")
    if not all(np.isfinite(v).all() for v in cols.values()):
        sys.exit(f"{src}: NaN or infinite values")
    tmp = out + ".tmp"
    write(cols, tmp)
    check(cols, tmp)
    os.replace(tmp, out)
    print(f"wrote {out}: {n} rows, {os.path.getsize(out)} bytes; every value checked against {src}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

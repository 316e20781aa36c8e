#!/usr/bin/env python3
"""Writes the interop fixtures in runtime/src/test/resources/io/ with the real NumPy and safetensors
libraries, so that the Java readers are tested against files those libraries produce, not against files
written by the code under test. The Maven build does not run this script; its outputs are committed.

    python3 make_io_fixtures.py [OUT_DIR]
        write the fixtures (default: ../resources/io next to this script)

    python3 make_io_fixtures.py --verify DIR
        check files that the Java writers produced from the fixtures (RewriteFixtures.java beside this
        script shows how) against the same arrays, read back with NumPy and safetensors

Needs numpy; the safetensors fixture and checks also need the safetensors package.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "resources", "io")


def npy_arrays():
    """File name -> (array, format version or None for numpy's default)."""
    return {
        "f32.npy": (np.array([[1.5, -2.25, 3.0], [0.1, 1e-30, -0.0]], dtype="<f4"), None),
        "f64.npy": (np.array([1 / 3, -1e300, 5e-324, np.inf], dtype="<f8"), None),
        "i32.npy": (np.array([[-2**31, 2**31 - 1], [0, -1]], dtype="<i4"), None),
        "fortran_f32.npy": (np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4)), None),
        "fortran_i32.npy": (np.asfortranarray(np.arange(6, dtype="<i4").reshape(3, 2)), None),
        "big_endian_f64.npy": (np.array([[0.5, -1.0, 2.0], [1e-3, 3e100, -7.25]], dtype=">f8"), None),
        "big_endian_f32.npy": (np.array([1.0, -0.5, 65504.0], dtype=">f4"), None),
        "big_endian_i32.npy": (np.array([1, -2, 2**31 - 1], dtype=">i4"), None),
        "int64.npy": (np.array([-5, 2**31 - 1, -2**31], dtype="<i8"), None),
        "int64_big_endian.npy": (np.array([7, -8], dtype=">i8"), None),
        "int64_overflow.npy": (np.array([[1, 2], [2**31, 4]], dtype="<i8"), None),
        "uint8.npy": (np.array([0, 127, 255], dtype="|u1"), None),
        "int8.npy": (np.array([-128, -1, 127], dtype="|i1"), None),
        "int16.npy": (np.array([-32768, 12345, 32767], dtype="<i2"), None),
        "uint16.npy": (np.array([0, 40000, 65535], dtype="<u2"), None),
        "bool.npy": (np.array([True, False, True, True]), None),
        "f16.npy": (np.array([1.0, -2.5, 65504.0, 6e-8, np.inf], dtype="<f2"), None),
        "scalar_f64.npy": (np.float64(3.25), None),
        "scalar_i32.npy": (np.int32(-7), None),
        "empty_f32.npy": (np.zeros((0, 3), dtype="<f4"), None),
        "v2_f32.npy": (np.array([1.0, 2.0], dtype="<f4"), (2, 0)),
        "v3_i32.npy": (np.array([[1, 2, 3]], dtype="<i4"), (3, 0)),
    }


def npz_arrays():
    return {
        "grad/fc1.weight": np.array([[0.25, -0.5], [1.0, 2.0], [4.0, 8.0]], dtype="<f4"),
        "step": np.int32(12),
        "b": np.array([1.0, 2.0, 3.0], dtype="<f8"),
    }


def safetensors_arrays():
    return {
        "fc1.weight": np.array([[0.5, -1.5, 2.0], [3.0, -4.0, 1e-20]], dtype=np.float32),
        "fc1.bias": np.array([0.1, 0.2], dtype=np.float64),
        "labels": np.array([3, -1, 2**31 - 1], dtype=np.int32),
        "half": np.array([1.0, -0.25, 65504.0], dtype=np.float16),
        "counts": np.array([-(2**31), 2**31 - 1], dtype=np.int64),
        "small": np.array([-3, 4], dtype=np.int16),
        "bytes": np.array([0, 200, 255], dtype=np.uint8),
        "flags": np.array([True, False], dtype=np.bool_),
        "scalar": np.array(2.5, dtype=np.float32),
        "empty": np.zeros((0, 4), dtype=np.float32),
    }


SAFETENSORS_METADATA = {"format": "nnet-test", "epoch": "3"}


def write_all(out):
    os.makedirs(out, exist_ok=True)
    for name, (array, version) in npy_arrays().items():
        with open(os.path.join(out, name), "wb") as f:
            np.lib.format.write_array(f, np.asanyarray(array), version=version)
    np.savez(os.path.join(out, "arrays.npz"), **npz_arrays())
    np.savez_compressed(os.path.join(out, "compressed.npz"), **npz_arrays())
    try:
        from safetensors.numpy import save_file
    except ImportError:
        print("safetensors is not installed; skipped the .safetensors fixture", file=sys.stderr)
        return
    save_file(safetensors_arrays(), os.path.join(out, "mixed.safetensors"), metadata=SAFETENSORS_METADATA)


def as_written_by_java(array):
    """What the Java readers turn an array into, and so what the Java writers write back."""
    array = np.asarray(array)
    if array.dtype.kind == "f":
        return array.astype("<f8" if array.dtype.itemsize == 8 else "<f4")
    return array.astype("<i4")


def same(expected, actual, where):
    expected = as_written_by_java(expected)
    if expected.dtype != actual.dtype or expected.shape != actual.shape:
        raise SystemExit(f"{where}: expected {expected.dtype}{expected.shape}, found {actual.dtype}{actual.shape}")
    if not np.array_equal(expected, actual, equal_nan=expected.dtype.kind == "f"):
        raise SystemExit(f"{where}: values differ:\n{expected}\n{actual}")


def verify(directory):
    checked = 0
    for name, (array, _) in npy_arrays().items():
        path = os.path.join(directory, name)
        if name == "int64_overflow.npy" or not os.path.exists(path):
            continue
        same(array, np.load(path), path)
        checked += 1
    path = os.path.join(directory, "arrays.npz")
    if os.path.exists(path):
        with np.load(path) as z:
            if list(z.keys()) != list(npz_arrays().keys()):
                raise SystemExit(f"{path}: keys {list(z.keys())}")
            for key, array in npz_arrays().items():
                same(array, z[key], f"{path}:{key}")
        checked += 1
    path = os.path.join(directory, "mixed.safetensors")
    if os.path.exists(path):
        from safetensors import safe_open
        with safe_open(path, framework="np") as f:
            if f.metadata() != SAFETENSORS_METADATA:
                raise SystemExit(f"{path}: metadata {f.metadata()}")
            if sorted(f.keys()) != sorted(safetensors_arrays().keys()):
                raise SystemExit(f"{path}: keys {sorted(f.keys())}")
            for key, array in safetensors_arrays().items():
                same(array, f.get_tensor(key), f"{path}:{key}")
        checked += 1
    print(f"{checked} files written by the Java writers read back correctly")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
    else:
        write_all(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)

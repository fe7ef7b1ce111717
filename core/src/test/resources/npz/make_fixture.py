"""Writes the NumPy-made .npz fixtures that NpzTest reads back (run from this folder).

    python3 make_fixture.py

numpy_written.npz is written with np.savez (stored entries), numpy_compressed.npz with
np.savez_compressed (deflated entries). Values are small and exact so the test can assert them.
"""
import numpy as np


def arrays():
    return {
        "f32": np.array([[1.5, -2.25, 3.0], [0.125, 1e-3, -7.0]], dtype=np.float32),
        "f64": np.array([np.pi, -np.e, 1e-300, 12345.678901234567], dtype=np.float64),
        "i64": np.array([[-(2 ** 40), -1, 0], [1, 2 ** 53 + 1, 9]], dtype=np.int64),
        "i32": np.arange(-3, 3, dtype=np.int32).reshape(2, 3),
        "u8": np.array([0, 1, 127, 128, 255], dtype=np.uint8),
        "bool": np.array([[True, False], [False, True], [True, True]]),
        # column-major storage: the file holds 0 3 1 4 2 5; the logical array is [[0 1 2], [3 4 5]]
        "fortran": np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)),
        "fortran3": np.asfortranarray(np.arange(24, dtype=np.int16).reshape(2, 3, 4)),
        "scalar": np.array(2.5, dtype=np.float64),
        "big_endian": np.array([1.0, -2.0, 3.5], dtype=">f4"),
        "model/fc.weight": np.array([[0.5, -0.5]], dtype=np.float32),
    }


if __name__ == "__main__":
    np.savez("numpy_written.npz", **arrays())
    np.savez_compressed("numpy_compressed.npz", **arrays())

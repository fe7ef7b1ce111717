#!/usr/bin/env python3
"""Write a stratified subset of Fashion-MNIST as gzipped IDX files.

Selection rule: in file order, keep the first PER_CLASS images of each of the 10 classes
(600 per class from the train files, 100 per class from the t10k files). The kept images stay
in file order. Output is gzip with mtime=0 and no stored file name, so reruns give the same
bytes for the same zlib version.

Usage: python3 make_subset.py [SOURCE_DIR] [OUTPUT_DIR]
  SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist)
  OUTPUT_DIR defaults to the folder of this script
Python 3 standard library only.
"""
import gzip
import hashlib
import os
import struct
import sys

CLASSES = 10
SPLITS = (("train", 600), ("t10k", 100))


def read_idx(path, magic):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    found, = struct.unpack(">I", data[:4])
    if found != magic:
        sys.exit(f"{path}: bad magic 0x{found:08X}, expected 0x{magic:08X}")
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    payload = data[4 + 4 * rank:]
    size = 1
    for d in dims:
        size *= d
    if len(payload) != size:
        sys.exit(f"{path}: payload has {len(payload)} bytes, dims {dims} need {size}")
    return dims, payload


def write_idx(path, magic, dims, payload):
    header = struct.pack(">I" + "I" * len(dims), magic, *dims)
    # mtime=0 and no file name in the header: deterministic output
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(header + payload)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    out = sys.argv[2] if len(sys.argv) > 2 else here
    for split, per_class in SPLITS:
        (n, rows, cols), images = read_idx(os.path.join(src, f"{split}-images-idx3-ubyte.gz"), 0x00000803)
        (n_labels,), labels = read_idx(os.path.join(src, f"{split}-labels-idx1-ubyte.gz"), 0x00000801)
        if n != n_labels:
            sys.exit(f"{split}: {n} images but {n_labels} labels")
        taken = [0] * CLASSES
        keep = []
        for i, label in enumerate(labels):
            if taken[label] < per_class:
                taken[label] += 1
                keep.append(i)
        if taken != [per_class] * CLASSES:
            sys.exit(f"{split}: not enough images per class: {taken}")
        pixels = rows * cols
        sub_images = b"".join(images[i * pixels:(i + 1) * pixels] for i in keep)
        sub_labels = bytes(labels[i] for i in keep)
        write_idx(os.path.join(out, f"{split}-images-idx3-ubyte.gz"), 0x00000803, (len(keep), rows, cols), sub_images)
        write_idx(os.path.join(out, f"{split}-labels-idx1-ubyte.gz"), 0x00000801, (len(keep),), sub_labels)
        print(f"{split}: kept {len(keep)} of {n} images ({per_class} per class)")
    for name in sorted(os.listdir(out)):
        if name.endswith(".gz"):
            with open(os.path.join(out, name), "rb") as f:
                print(hashlib.sha256(f.read()).hexdigest(), name)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Capture golden netlink buffers for netlink-codec/tests/corpus, as its README describes.

    sudo scripts/capture-goldens.py SCRIPT OUTDIR FIRST_FILE FIRST_STEP [TYPES]

SCRIPT holds one command a line: `setup: CMD` lines build the scene and are not captured;
every other line is one step, run under
`strace -f -v -s 1024 -e trace=sendmsg,sendto,recvmsg -e write=3 -e read=3`. For each
step, every message iproute2 sends on fd 3 whose first nlmsg_type is in TYPES (ranges such
as `28-30,32-34`; default: all) becomes `NNNN-req.bin` (cut after its last message: a dump
request is sent from a larger zeroed buffer), and every `recvmsg` with flags 0 after it
`NNNN-rep.bin` (the MSG_PEEK probes carry no bytes). OUTDIR/manifest-new.json gets the
manifest entries (file, step, command, direction, exit, strace's own line), to append to
the corpus manifest.

Everything runs in a fresh network and mount namespace with a private /run (the script
re-executes itself under `unshare`), so no interface, route or sysctl of the machine is
touched.
"""
import json
import os
import re
import shlex
import struct
import subprocess
import sys
import tempfile

STRACE = ["strace", "-f", "-v", "-s", "1024", "-e", "trace=sendmsg,sendto,recvmsg",
          "-e", "write=3", "-e", "read=3"]


# Set on the re-executed copy that runs inside the new namespace.
INSIDE = "CAPTURE_GOLDENS_INSIDE_UNSHARE"


def parse_types(spec):
    if spec is None:
        return None
    types = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        types.update(range(int(lo), int(hi or lo) + 1))
    return types


def calls(log):
    """The sendmsg/sendto/recvmsg calls on fd 3: strace's line and the bytes it dumped."""
    out, cur = [], None
    for line in open(log):
        line = line.rstrip("\n")
        if re.match(r"^\d+\s+(sendmsg|sendto|recvmsg)\(3, ", line):
            cur = {"line": line, "send": " recvmsg(" not in line, "bytes": bytearray()}
            out.append(cur)
        elif re.match(r"^\d+\s", line):
            cur = None  # another call: its dump is not ours
        elif cur is not None and (m := re.match(r"^\s*\| [0-9a-f]{5}  (.{49})", line)):
            cur["bytes"] += bytes.fromhex(m.group(1))
    return out


def whole_messages(b):
    """`b` up to the end of its last message (nlmsg_len 0 ends the run)."""
    off = 0
    while off + 16 <= len(b):
        n = struct.unpack_from("=I", b, off)[0]
        if n < 16:
            break
        off += (n + 3) & ~3
    return bytes(b[:min(off, len(b))] if off else b)


def entries(log, step, code, cmd, types):
    keep = False
    for c in calls(log):
        b = c["bytes"]
        if c["send"]:
            keep = types is None or (len(b) >= 6 and struct.unpack_from("=H", b, 4)[0] in types)
            if keep and b:
                yield "req", whole_messages(b), c["line"]
        elif keep and b and c["line"].rsplit(") = ", 1)[0].endswith(", 0"):
            yield "rep", bytes(b), c["line"]


def main(script, outdir, first_file, first_step, types=None):
    types = parse_types(types)
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    manifest, file_no, step = [], int(first_file), int(first_step)
    logs = tempfile.mkdtemp()
    for line in open(script):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("setup:"):
            subprocess.run(shlex.split(line[len("setup:"):]), check=True)
            continue
        log = os.path.join(logs, f"{step}.log")
        code = subprocess.run(STRACE + ["-o", log] + shlex.split(line),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        for direction, b, strace in entries(log, step, code, line, types):
            name = f"{file_no:04d}-{direction}.bin"
            with open(os.path.join(outdir, name), "wb") as f:
                f.write(b)
            manifest.append({"file": name, "step": step, "command": line,
                             "direction": direction, "exit": code, "strace": strace})
            file_no += 1
        step += 1
    with open(os.path.join(outdir, "manifest-new.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(manifest)} files, up to {file_no - 1:04d}; steps up to {step - 1}")


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    if os.environ.get(INSIDE) != "1":
        os.environ[INSIDE] = "1"
        os.execvp("unshare", ["unshare", "--net", "--mount", "--propagation", "private",
                              sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""Checks a Windows release .exe: PE32+ x86-64, GUI subsystem, an icon, and a
version resource whose FileVersion is VERSION.BUILD. Needs python3-pefile.

usage: check-pe.py EXE VERSION BUILD
"""
import sys

import pefile


def main():
    exe, version, build = sys.argv[1:4]
    want = "%s.%s" % (".".join((version.split(".") + ["0", "0"])[:3]), build)
    pe = pefile.PE(exe)
    errors = []
    if pe.FILE_HEADER.Machine != pefile.MACHINE_TYPE["IMAGE_FILE_MACHINE_AMD64"]:
        errors.append("machine is not x86-64")
    sub = pe.OPTIONAL_HEADER.Subsystem
    if sub != pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]:
        errors.append("subsystem %d is not WINDOWS_GUI" % sub)
    types = set()
    res = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
    for entry in res.entries if res else []:
        types.add(pefile.RESOURCE_TYPE.get(entry.struct.Id, entry.struct.Id))
    for t in ("RT_ICON", "RT_GROUP_ICON", "RT_VERSION", "RT_MANIFEST"):
        if t not in types:
            errors.append("no %s resource (have %s)" % (t, sorted(map(str, types))))
    strings = {}
    for fi in getattr(pe, "FileInfo", []):
        for info in fi:
            for st in getattr(info, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in st.entries.items()})
    fixed = pe.VS_FIXEDFILEINFO[0] if hasattr(pe, "VS_FIXEDFILEINFO") else None
    if fixed is None:
        errors.append("no VS_FIXEDFILEINFO")
    else:
        fv = "%d.%d.%d.%d" % (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF,
                              fixed.FileVersionLS >> 16, fixed.FileVersionLS & 0xFFFF)
        if fv != want:
            errors.append("FileVersion %s, want %s" % (fv, want))
    if strings.get("ProductVersion") != want:
        errors.append("ProductVersion %r, want %s" % (strings.get("ProductVersion"), want))
    print("%s: subsystem %s, resources %s, strings %s" % (
        exe, pefile.SUBSYSTEM_TYPE.get(sub, sub), sorted(map(str, types)), strings))
    for e in errors:
        print("%s: %s" % (exe, e), file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

"""Compares the calendar year files with the `holidays` package; run by scripts/ci/calendar.sh.

Exit status 1 when a difference is not listed in its file's [[differences]] or a listed
difference no longer exists; the report lists every difference either way.
"""

import datetime
import pathlib
import sys
import tomllib

import holidays
from holidays.constants import GOVERNMENT, PUBLIC


def package_days(year):
    """date -> (kind, name) from the package: public = libur nasional, government = cuti bersama."""
    days = {}
    for d, name in holidays.Indonesia(years=year, categories=GOVERNMENT, language="id").items():
        days[d] = ("cuti_bersama", name)
    for d, name in holidays.Indonesia(years=year, categories=PUBLIC, language="id").items():
        days[d] = ("libur_nasional", name)
    return {d: v for d, v in days.items() if d.year == year}


def check(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    year = data["year"]
    ours = {datetime.date.fromisoformat(h["date"]): (h["kind"], h["name"]) for h in data["holidays"]}
    theirs = package_days(year)
    actual = {}
    for d in sorted(set(ours) | set(theirs)):
        if d not in theirs:
            actual[d] = ("only_here", f"{ours[d][0]} '{ours[d][1]}' is not in the package")
        elif d not in ours:
            actual[d] = ("only_package", f"package has {theirs[d][0]} '{theirs[d][1]}'")
        elif ours[d][0] != theirs[d][0]:
            actual[d] = ("kind", f"here {ours[d][0]}, package {theirs[d][0]} '{theirs[d][1]}'")
    listed = {
        datetime.date.fromisoformat(x["date"]): (x["differs"], x["justification"])
        for x in data.get("differences", [])
    }
    errors = []
    print(f"{path}: {year}, status {data['source']['status']}: {len(ours)} days here, "
          f"{len(theirs)} in the package, {len(actual)} difference(s)")
    for d, (differs, what) in actual.items():
        if d not in listed:
            errors.append(f"{path}: {d}: unlisted difference ({differs}): {what}")
        elif listed[d][0] != differs:
            errors.append(f"{path}: {d}: listed as {listed[d][0]} but the difference is {differs}: {what}")
        else:
            print(f"  {d} {differs}: {what} -- listed: {listed[d][1]}")
    for d, (differs, _) in listed.items():
        if d not in actual:
            errors.append(f"{path}: {d}: listed difference ({differs}) no longer exists; remove it")
    default_call = holidays.Indonesia(years=year)
    missing = sum(1 for d, (k, _) in ours.items() if k == "cuti_bersama" and d not in default_call)
    if missing:
        print(f"  note: holidays.Indonesia(years={year}) without categories lacks {missing} cuti bersama "
              "(they are in its 'government' category)")
    estimated = sorted(d for d, (_, n) in theirs.items() if "perkiraan" in n or "estimated" in n)
    if estimated:
        print(f"  note: the package marks as estimated: {', '.join(map(str, estimated))}")
    return errors


def main():
    directory = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "frameworks/calendar")
    files = sorted(directory.glob("*.toml"))
    if not files:
        print(f"{directory}: no calendar files", file=sys.stderr)
        return 1
    print(f"holidays {holidays.__version__}")
    errors = [e for f in files for e in check(f)]
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"calendar cross-check FAILED: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print("calendar cross-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

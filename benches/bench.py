#!/usr/bin/env python3
"""Times retort against Alembic on the same synthetic history and prints a
Markdown table (the README's "Performance" section shows the latest one).

    benches/bench.py                       N = 1,000, 5,000, 20,000
    benches/bench.py --sizes 200 --runs 3  a quick look
    benches/bench.py --check               first compare the two tools' SQL

For each N, in one run: `retort upgrade head --dialect postgresql` (release
build) and `alembic upgrade head --sql` on the history benches/generate.py
writes, each several times; the median wall time, the peak resident memory
(getrusage of the child: ru_maxrss) and the ratio. Then `retort compile` of
the whole history for all five dialects, into an empty out/ each time, and
the floor under it: the time to write the same files again and flush them,
computing nothing (benches/write_floor.rs).

A run's out/ is not deleted before the next: ext4 skips inodes freed in the
last minutes when it allocates new ones, and creating 200,000 files just
after deleting as many took four times as long. Each out/ is moved into
<work>/trash instead, which is emptied when every size has been timed; for
the same reason, leave five minutes between two runs of this benchmark.

Alembic comes from a virtualenv: --venv, else .venv of the repository (the one
scripts/test makes), else one created in target/bench/venv with
`pip install alembic==1.20.1 sqlalchemy==2.1.9`.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benches" / "generate.py"
ALEMBIC_PACKAGES = ["alembic==1.20.1", "sqlalchemy==2.1.9"]


def main() -> None:
    args = parse_args()
    retort = build_retort(args)
    alembic = find_alembic(args)
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    if args.check:
        check_same_sql(retort, alembic, work)
    rows = []
    for size in args.sizes:
        project = generate(work, size, args.branch_every)
        rows.append(measure(size, project, retort, alembic, args))
    print_report(rows, args, alembic)
    say("deleting the compiled folders set aside")
    shutil.rmtree(work / "trash", ignore_errors=True)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,5000,20000",
        type=lambda s: [int(x) for x in s.split(",")],
        help="revision counts, comma-separated (default: 1000,5000,20000)",
    )
    parser.add_argument("--runs", type=int, default=7, help="runs of each retort command (median)")
    parser.add_argument("--alembic-runs", type=int, default=3, help="runs of alembic (median)")
    parser.add_argument("--branch-every", type=int, default=0, metavar="K",
                        help="fork and merge after every K revisions (see generate.py)")
    parser.add_argument("--work", type=Path, default=ROOT / "target" / "bench",
                        help="where the generated projects go (default: target/bench)")
    parser.add_argument("--venv", type=Path, help="a virtualenv with alembic installed")
    parser.add_argument("--no-build", action="store_true",
                        help="use target/release/retort as it is")
    parser.add_argument("--no-alembic", action="store_true", help="time retort only")
    parser.add_argument("--check", action="store_true",
                        help="first check that both tools print the same SQL for a small chain")
    return parser.parse_args()


def build_retort(args) -> Path:
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "retort"
    if not binary.exists():
        sys.exit(f"bench: {binary} is missing; run cargo build --release")
    return binary


def find_alembic(args):
    if args.no_alembic:
        return None
    for venv in [args.venv, ROOT / ".venv", args.work / "venv"]:
        if venv and (venv / "bin" / "alembic").exists():
            return venv / "bin" / "alembic"
    venv = args.work / "venv"
    say(f"creating {venv} with {' '.join(ALEMBIC_PACKAGES)}")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *ALEMBIC_PACKAGES], check=True)
    return venv / "bin" / "alembic"


def generate(work: Path, size: int, branch_every: int) -> Path:
    """The generated project pair for `size`, reused when already there."""
    project = work / (f"n{size}" + (f"-k{branch_every}" if branch_every else ""))
    stamp = project / "generated-by"
    wanted = GENERATOR.read_text()
    if not (stamp.exists() and stamp.read_text() == wanted):
        say(f"generating {size} revisions in {project}")
        command = [sys.executable, str(GENERATOR), str(size), str(project)]
        if branch_every:
            command += ["--branch-every", str(branch_every)]
        subprocess.run(command, check=True)
        stamp.write_text(wanted)
    return project


class Sample:
    """One run of a command: wall seconds, peak resident memory in MB, and
    the CPU seconds it spent in user and in system (kernel) mode."""

    def __init__(self, seconds: float, peak_mb: float, user: float = 0.0, system: float = 0.0):
        self.seconds = seconds
        self.peak_mb = peak_mb
        self.user = user
        self.system = system


def run(command, cwd: Path, stdout: Path, env=None) -> Sample:
    """Runs `command` once; its standard output goes to `stdout`."""
    # Standard error to a file too: a pipe read only at the end would fill
    # up with Alembic's log lines and block it.
    with open(stdout, "wb") as out, open(f"{stdout}.stderr", "w+b") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(map(str, command))} failed in {cwd}:\n{stderr[-2000:]}")
    # Linux reports ru_maxrss in KiB.
    return Sample(seconds, usage.ru_maxrss / 1024, usage.ru_utime, usage.ru_stime)


def median(samples):
    return Sample(
        statistics.median(s.seconds for s in samples),
        max(s.peak_mb for s in samples),
        statistics.median(s.user for s in samples),
        statistics.median(s.system for s in samples),
    )


def measure(size: int, project: Path, retort: Path, alembic, args) -> dict:
    say(f"N = {size}")
    retort_dir = project / "retort"
    upgrade = [str(retort), "upgrade", "head", "--dialect", "postgresql"]
    run(upgrade, retort_dir, project / "retort.sql")  # warm the page cache
    row = {"size": size}
    row["retort"] = median(
        [run(upgrade, retort_dir, project / "retort.sql") for _ in range(args.runs)]
    )
    say(f"  retort upgrade  {row['retort'].seconds * 1000:.1f} ms")
    compile_samples = []
    for _ in range(args.runs):
        set_aside(retort_dir / "out", args.work)
        compile_samples.append(run([str(retort), "compile"], retort_dir, project / "compile.log"))
    row["compile"] = median(compile_samples)
    say(f"  retort compile  {row['compile'].seconds * 1000:.1f} ms "
        f"(CPU: {row['compile'].user:.2f} s user, {row['compile'].system:.2f} s system)")
    row["floor"] = write_floor(retort_dir / "out", args.work / "trash", args.runs)
    say(f"  write floor     {row['floor']['total'] * 1000:.1f} ms "
        f"({row['floor']['files']:,} files, {row['floor']['bytes'] / 1e6:,.0f} MB)")
    if alembic:
        alembic_dir = project / "alembic"
        command = [str(alembic), "upgrade", "head", "--sql"]
        env = dict(os.environ, DIALECT="postgresql")
        row["alembic"] = median(
            [run(command, alembic_dir, project / "alembic.sql", env) for _ in range(args.alembic_runs)]
        )
        say(f"  alembic         {row['alembic'].seconds * 1000:.0f} ms")
    return row


def set_aside(folder: Path, work: Path) -> None:
    """Moves `folder` (if there) into work/trash, to be deleted at the end."""
    if folder.exists():
        trash = work / "trash"
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{time.monotonic_ns()}")


def write_floor(out: Path, scratch: Path, runs: int) -> dict:
    """benches/write_floor.rs on `out`: the seconds to write its files again."""
    scratch.mkdir(parents=True, exist_ok=True)
    command = ["cargo", "bench", "--quiet", "--bench", "write_floor", "--",
               str(out), str(scratch), str(runs)]
    result = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def check_same_sql(retort: Path, alembic, work: Path) -> None:
    """Both tools must print the same statements for a plain chain."""
    if not alembic:
        sys.exit("bench: --check needs alembic")
    project = generate(work, 40, 0)
    mine = project / "retort.sql"
    theirs = project / "alembic.sql"
    run([str(retort), "upgrade", "head", "--dialect", "postgresql"], project / "retort", mine)
    env = dict(os.environ, DIALECT="postgresql")
    run([str(alembic), "upgrade", "head", "--sql"], project / "alembic", theirs, env)
    if mine.read_bytes() != theirs.read_bytes():
        diff = subprocess.run(["diff", "-u", str(theirs), str(mine)], capture_output=True, text=True)
        sys.exit(f"bench: retort and alembic print different SQL:\n{diff.stdout[:4000]}")
    say("check: retort and alembic print the same SQL for 40 revisions")


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "unknown RAM"
    return f"{os.cpu_count()} CPUs ({model}), {memory}, {platform.system()} {platform.release()}"


def versions(alembic) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    text = f"retort {commit or '?'} (release build)"
    if alembic:
        python = alembic.parent / "python"
        out = subprocess.run(
            [str(python), "-c",
             "import alembic, sqlalchemy, sys; "
             "print(f'Alembic {alembic.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
             "Python {sys.version.split()[0]}')"],
            capture_output=True, text=True,
        ).stdout.strip()
        text += f"; {out}"
    return text


def print_report(rows, args, alembic) -> None:
    ms = lambda s: f"{s.seconds * 1000:,.0f} ms" if s.seconds >= 0.1 else f"{s.seconds * 1000:.1f} ms"
    mb = lambda s: f"{s.peak_mb:.0f} MB"
    print()
    print(f"Machine: {machine()}; load average at the end {os.getloadavg()[0]:.2f}.")
    print(f"Versions: {versions(alembic)}.")
    shape = f"a fork and merge every {args.branch_every} revisions" if args.branch_every else "a chain"
    print(f"History: benches/generate.py, {shape}; median of {args.runs} retort runs"
          + (f" and {args.alembic_runs} Alembic runs" if alembic else "") + "; peak memory is the largest of the runs.")
    print()
    header = ["revisions"]
    if alembic:
        header += ["`alembic upgrade head --sql`", "peak"]
    header += ["`retort upgrade head`", "peak"]
    if alembic:
        header += ["speed-up"]
    header += ["`retort compile` (5 dialects)", "peak", "write floor"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        cells = [f"{row['size']:,}"]
        if alembic:
            cells += [ms(row["alembic"]), mb(row["alembic"])]
        cells += [ms(row["retort"]), mb(row["retort"])]
        if alembic:
            cells += [f"{row['alembic'].seconds / row['retort'].seconds:,.0f}×"]
        cells += [ms(row["compile"]), mb(row["compile"]), ms(Sample(row["floor"]["total"], 0))]
        print("| " + " | ".join(cells) + " |")
    print()
    print_targets(rows, alembic)


def print_targets(rows, alembic) -> None:
    by_size = {row["size"]: row for row in rows}
    checks = []
    growth_note = None
    if alembic and 5000 in by_size:
        ratio = by_size[5000]["alembic"].seconds / by_size[5000]["retort"].seconds
        checks.append((f"at least 100× faster than Alembic at 5,000: {ratio:,.0f}×", ratio >= 100))
    if 20000 in by_size:
        row = by_size[20000]
        seconds = row["compile"].seconds
        floor = row["floor"]
        checks.append((f"compile of 20,000 for five dialects under 2 s: {seconds:.2f} s "
                       f"(writing its {floor['files']:,} files, {floor['bytes'] / 1e6:,.0f} MB, "
                       f"takes {floor['write']:.2f} s and flushing them {floor['flush']:.2f} s)",
                       seconds < 2))
        upgrade_peak, compile_peak = row["retort"].peak_mb, row["compile"].peak_mb
        checks.append((f"peak memory at 20,000 under 200 MB: upgrade {upgrade_peak:.0f} MB, "
                       f"compile {compile_peak:.0f} MB", max(upgrade_peak, compile_peak) < 200))
        if 5000 in by_size:
            small = by_size[5000]
            for name in ["retort", "compile"]:
                growth = row[name].seconds / small[name].seconds
                checks.append((f"{name} time at 20,000 at most 4.5× the 5,000 time: {growth:.2f}×", growth <= 4.5))
            # What of the compile's growth is retort's own work, and what the
            # file system's: user CPU, system CPU, and the write floor.
            user = row["compile"].user / small["compile"].user
            system = row["compile"].system / small["compile"].system
            floor = row["floor"]["total"] / small["floor"]["total"]
            growth_note = (f"compile from 5,000 to 20,000 revisions: user CPU {user:.2f}×, "
                           f"system CPU {system:.2f}×, write floor {floor:.2f}×")
    for text, ok in checks:
        print(f"- {'met' if ok else 'MISSED'}: {text}")
    if growth_note:
        print(f"\n({growth_note}.)")


def say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()

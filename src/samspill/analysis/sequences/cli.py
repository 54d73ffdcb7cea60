"""``samspill sequences``: sequence analysis on files, without the platform's database or settings.

Researchers get register extracts as CSV, Parquet or Stata files and want TraMineR's results without R and without a
Samspill installation behind them, so this module only reads files and calls the library. It must not import Django
(``samspill.cli`` dispatches here before Django is touched, and import-linter forbids it in ``samspill.analysis``).

Option names and defaults follow TraMineR (``seqdef(data, 17:86)``, ``seqdist(method=, sm=, indel=, norm=,
expcost=)``), so that a published R call translates option by option. Rows are counted from 1 as in R, both in
options (``--refseq``) and in outputs and messages.

User errors end with one line ``error: ...`` on stderr and exit status 2, never a traceback, and leave no output
file behind: outputs are written to a temporary name and renamed only once complete.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import gzip
import math
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

# numpy, pandas and the library (numba) are imported inside the commands, so that --help answers at once.
if TYPE_CHECKING:
    from .data import StateSequences

__all__ = ["main"]

EXIT_USER_ERROR = 2
COST_METHODS = ("CONSTANT", "TRATE", "INDELS", "INDELSLOG", "FUTURE")
NORMS = ("auto", "none", "maxlength", "gmean", "maxdist", "YujianBo")
PLOT_KINDS = ("chronogram", "index", "frequency", "meantime", "transitions")
CLUSTER_METHODS = ("ward", "pam", "clara")
# seqdef()'s missing values after read.csv(): NA and empty fields. pandas' longer default list ("None", "NULL",
# "n/a", ...) would silently turn such states into missing ones.
_NA_STRINGS = ("", "NA")


class CliError(Exception):
    """A problem with the user's input or options: reported as one line, exit status 2."""


# ====================================================================================================================
# Progress and messages
# ====================================================================================================================


class Progress:
    """A progress bar on stderr, fed by the library's ``progress(done, total)`` callbacks.

    On a terminal the bar redraws in place (at most ten times a second, so that a fast callback costs nothing); in a
    log file (``--progress`` with stderr redirected) it writes a line every 10 % instead of carriage returns.
    """

    def __init__(self, enabled: bool, stream: TextIO | None = None, width: int = 30) -> None:
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = ""
        self._start = 0.0
        self._last_draw = 0.0
        self._last_decile = -1
        self._open = False

    def task(self, label: str) -> Callable[[int, int], None] | None:
        """A fresh callback for one long step, or None when progress is off (the library then skips the calls)."""
        if not self.enabled:
            return None
        self.close()
        self.label = label
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._last_decile = -1
        return self.update

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        finished = done >= total
        fraction = min(max(done / total, 0.0), 1.0)
        elapsed = now - self._start
        if self.tty:
            if not finished and now - self._last_draw < 0.1:
                return
            self._last_draw = now
            filled = int(round(fraction * self.width))
            eta = elapsed / fraction - elapsed if 0 < fraction < 1 else 0.0
            text = (
                f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:5.1f}% "
                f"{done:,}/{total:,}  {_clock(elapsed)} elapsed" + (f", {_clock(eta)} left" if 0 < fraction < 1 else "")
            )
            self.stream.write(text.ljust(100))
            self._open = True
            if finished:
                self.close()
        else:
            decile = int(fraction * 10)
            if decile > self._last_decile:
                self._last_decile = decile
                self.stream.write(f"{self.label}: {decile * 10}% ({done:,}/{total:,}, {_clock(elapsed)})\n")
        self.stream.flush()

    def close(self) -> None:
        """Ends the bar's line, so that a following message (an error, say) starts on its own line."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


@dataclass
class Context:
    """What every command gets besides its options: where to report progress and notes.

    Notes (what was read, what was written) go with the progress bar: to a terminal, or with ``--progress``. A
    script's stderr then holds only warnings and the one error line.
    """

    progress: Progress

    def note(self, message: str) -> None:
        if self.progress.enabled:
            self.progress.close()
            print(message, file=sys.stderr)


def _one_line(exc: BaseException) -> str:
    message = str(exc).strip() or type(exc).__name__
    # pandas' and pyarrow's parser messages span several lines; the contract is one line.
    message = " ".join(part.strip() for part in message.splitlines() if part.strip())
    # The library's advice names its Python API; on the command line the same switches are options.
    for api, option in _API_ADVICE:
        message = message.replace(api, option)
    return message


_API_ADVICE = (
    (
        "(pass check='warn' to substitution_costs() to accept it, as TraMineR does)",
        "(use --cost-check warn to accept it, as TraMineR does)",
    ),
    ("pass with_missing=True to treat them", "use --with-missing to treat them"),
)


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError) and exc.filename:
        return f"{exc.filename}: no such file or directory"
    if exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return _one_line(exc)


# ====================================================================================================================
# Reading the input
# ====================================================================================================================


def _file_kind(path: Path) -> tuple[str, bool]:
    """(``csv``/``parquet``/``dta``, gzip-compressed) from the file name."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        return "csv", compressed
    if suffix in (".parquet", ".pq") and not compressed:
        return "parquet", False
    if suffix == ".dta" and not compressed:
        return "dta", False
    raise CliError(
        f"{path}: unknown file type {''.join(path.suffixes) or '(no suffix)'!r}; use .csv, .tsv, .parquet or .dta"
    )


def _open_text(path: Path, compressed: bool, encoding: str) -> TextIO:
    if compressed:
        return gzip.open(path, "rt", encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")  # the caller closes it (with)


def _separator(path: Path, given: str | None, compressed: bool, encoding: str) -> str:
    """The field separator: ``--sep`` when given, tab for .tsv/.tab, else guessed from the header line.

    The guess only chooses among comma, semicolon and tab (what spreadsheets and statistics offices write, Norway's
    NAV and SSB files use semicolons); a wrong separator would otherwise show up later as one wide column and a
    confusing "column out of range".
    """
    if given is not None:
        named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "space": " "}
        sep = named.get(given.lower(), given)
        if len(sep) != 1:
            raise CliError(f"--sep must be one character (or tab, comma, semicolon), got {given!r}")
        return sep
    if {s.lower() for s in path.suffixes} & {".tsv", ".tab"}:
        return "\t"
    with _open_text(path, compressed, encoding) as fh:
        header = fh.readline()
    unquoted = "".join(part for i, part in enumerate(header.split('"')) if i % 2 == 0)
    counts = {sep: unquoted.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def _check_csv_shape(path: Path, sep: str, compressed: bool, encoding: str) -> None:
    """Refuses ragged rows: pandas silently pads a short row with missing values, which would turn a broken export
    into sequences that end early. R's write.table() layout (row names, so every data row has one field more than
    the header) is accepted, as read.csv() accepts it."""
    with _open_text(path, compressed, encoding) as fh:
        reader = csv.reader(fh, delimiter=sep)
        header = next(reader, None)
        if header is None:
            raise CliError(f"{path}: the file is empty")
        expected: int | None = None
        for record in reader:
            if not record:  # blank line: pandas skips it too
                continue
            if expected is None:
                expected = len(record) if len(record) == len(header) + 1 else len(header)
            if len(record) != expected:
                raise CliError(
                    f"{path}, line {reader.line_num}: {len(record)} fields where the header has {len(header)}; "
                    "every row needs one field per column (leave a field empty for a missing state)"
                )


def read_table(path: Path, *, sep: str | None = None, encoding: str = "utf-8", na_values: Sequence[str] = ()) -> Any:
    """The input file as a DataFrame, in file row order."""
    import pandas as pd

    if not path.exists():
        raise CliError(f"{path}: no such file")
    if path.is_dir():
        raise CliError(f"{path} is a directory, not a data file")
    kind, compressed = _file_kind(path)
    try:
        if kind == "csv":
            encoding = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
            separator = _separator(path, sep, compressed, encoding)
            _check_csv_shape(path, separator, compressed, encoding)
            return pd.read_csv(
                path,
                sep=separator,
                encoding=encoding,
                keep_default_na=False,
                na_values=[*_NA_STRINGS, *na_values],
                compression="gzip" if compressed else None,
                low_memory=False,  # one dtype per column, not per chunk: a state column must not be half int
            )
        if kind == "parquet":
            return pd.read_parquet(path)
        return pd.read_stata(path)
    except CliError:
        raise
    except UnicodeDecodeError as exc:
        named = encoding.removesuffix("-sig").upper() if encoding.startswith("utf") else encoding
        raise CliError(
            f"{path} is not {named} text ({exc.reason} at byte {exc.start}); try --encoding latin-1"
        ) from exc
    except Exception as exc:
        # Whatever the readers raise on a damaged or mislabelled file, the user needs the file name and the reason.
        raise CliError(f"cannot read {path} as {kind.upper()}: {_one_line(exc)}") from exc


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _column_position(token: str, names: list[str], option: str, source: str) -> int:
    """0-based position of one column reference: a 1-based position, a name, or ``[name]`` for a name that looks
    like a number or holds ``,`` or ``:``."""
    token = token.strip()
    if not token:
        raise CliError(f"{option}: empty column reference")
    if token.startswith("[") and token.endswith("]"):
        name = token[1:-1]
    elif token.isdigit():
        position = int(token)
        if not 1 <= position <= len(names):
            hint = f"; to select the column named {token!r}, write [{token}]" if token in names else ""
            raise CliError(
                f"{option}: column {position} is out of range: {source} has {len(names)} columns (counted from 1){hint}"
            )
        return position - 1
    else:
        name = token
    if name not in names:
        close = difflib.get_close_matches(name, names, n=3)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise CliError(f"{option}: {source} has no column named {name!r}{hint}")
    return names.index(name)


def resolve_columns(spec: str, names: list[str], option: str = "--columns", source: str = "the input") -> list[int]:
    """0-based positions from ``17:86``, ``Sep.93:Jun.99``, ``1,4,7:9`` (1-based, ranges inclusive as in R)."""
    positions: list[int] = []
    for item in _split_outside_brackets(spec, ","):
        ends = _split_outside_brackets(item, ":")
        if len(ends) == 1:
            positions.append(_column_position(ends[0], names, option, source))
        elif len(ends) == 2:
            first = _column_position(ends[0], names, option, source)
            last = _column_position(ends[1], names, option, source)
            if last < first:
                raise CliError(
                    f"{option}: the range {item.strip()!r} runs backwards (column {first + 1} to {last + 1})"
                )
            positions.extend(range(first, last + 1))
        else:
            raise CliError(f"{option}: {item!r} is not a column, a name or a range FIRST:LAST")
    seen: set[int] = set()
    for p in positions:
        if p in seen:
            raise CliError(f"{option}: column {names[p]!r} is selected twice")
        seen.add(p)
    return positions


def _state_text(value: Any) -> str:
    """How seqdef() names a state read from a file: numbers without a trailing ``.0`` (the library's rule)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return str(int(value)) if math.isfinite(value) and float(value).is_integer() else repr(float(value))
    if hasattr(value, "item"):  # numpy scalars
        return _state_text(value.item())
    return str(value)


def _missing_values(extra: Sequence[str]) -> tuple[Any, ...]:
    """Cell values that mean missing: the library's defaults plus ``--missing``, also as numbers because a
    numeric column holds -9, not "-9"."""
    values: list[Any] = [None, float("nan"), *_NA_STRINGS]
    for text in extra:
        values.append(text)
        with contextlib.suppress(ValueError):
            number = float(text)
            values.append(number)
            if number.is_integer():
                values.append(int(number))
    return tuple(values)


def _check_alphabet(frame: Any, alphabet: list[str], missing: tuple[Any, ...]) -> None:
    """States outside ``--alphabet``, named with their row (from 1, as in R) and column. The library checks too, but
    counts rows from 0 in its message."""
    import numpy as np
    import pandas as pd

    allowed = set(alphabet)
    explicit = [m for m in missing if m is not None and not (isinstance(m, float) and math.isnan(m))]
    first: tuple[int, int, Any] | None = None
    for position, column in enumerate(frame.columns):
        series = frame[column]
        observed = ~(series.isna().to_numpy() | series.isin(explicit).to_numpy())
        # Unique values first: formatting every cell in Python would be slow on a register extract.
        bad = [v for v in pd.unique(series[observed].to_numpy(dtype=object)) if _state_text(v) not in allowed]
        if bad:
            row = int(np.flatnonzero(observed & series.isin(bad).to_numpy())[0])
            if first is None or row < first[0]:
                first = (row, position, series.iloc[row])
    if first is not None:
        row, position, value = first
        raise CliError(
            f"row {row + 1}, column {frame.columns[position]!r}: state {_state_text(value)!r} is not in --alphabet "
            f"({','.join(alphabet)})"
        )


@dataclass
class Input:
    """The input file read and turned into sequences, with what the commands need to write their outputs."""

    path: Path
    table: Any  # pd.DataFrame, in file row order
    seqs: StateSequences
    id_column: str | None

    def row_frame(self) -> Any:
        """The first output columns: ``row`` (from 1) and the ``--id`` column when given."""
        import numpy as np
        import pandas as pd

        frame = pd.DataFrame({"row": np.arange(1, len(self.table) + 1)})
        if self.id_column is not None:
            frame[self.id_column] = self.table[self.id_column].to_numpy()
        return frame

    def column(self, spec: str, option: str) -> str:
        names = [str(c) for c in self.table.columns]
        return self.table.columns[_column_position(spec, names, option, str(self.path))]


def load_input(args: argparse.Namespace, ctx: Context) -> Input:
    import numpy as np

    from .data import StateSequences

    extra_missing = [m for text in args.missing or [] for m in text.split(",")]
    path = Path(args.input)
    table = read_table(path, sep=args.sep, encoding=args.encoding, na_values=extra_missing)
    if len(table) == 0:
        raise CliError(f"{path} has no data rows")
    names = [str(c) for c in table.columns]
    if len(set(names)) != len(names):
        duplicated = sorted({n for n in names if names.count(n) > 1})
        raise CliError(f"{path}: column names appear twice: {', '.join(repr(n) for n in duplicated)}")
    table.columns = names

    def single(spec: str | None, option: str) -> str | None:
        return None if spec is None else names[_column_position(spec, names, option, str(path))]

    id_column = single(args.id, "--id")
    weight_column = single(args.weights, "--weights")
    group_column = single(getattr(args, "group", None), "--group")
    if args.columns is not None:
        positions = resolve_columns(args.columns, names, source=str(path))
    else:
        # seqdef() without var= takes every column; here the columns other options name are left out.
        taken = {id_column, weight_column, group_column}
        positions = [i for i, n in enumerate(names) if n not in taken]
    for option, column in (("--id", id_column), ("--weights", weight_column), ("--group", group_column)):
        if column is not None and names.index(column) in positions:
            raise CliError(f"{option} column {column!r} is also one of the --columns")
    missing = _missing_values(extra_missing)
    alphabet = [a.strip() for a in args.alphabet.split(",")] if args.alphabet else None
    if alphabet is not None:
        if any(not a for a in alphabet):
            raise CliError("--alphabet: empty state name")
        _check_alphabet(table.iloc[:, positions], alphabet, missing)
    if id_column is not None:
        ids = table[id_column].to_numpy()
    else:
        ids = np.arange(1, len(table) + 1)  # the library's messages then name rows as R counts them
    seqs = StateSequences.from_wide(
        table,
        positions,
        alphabet=alphabet,
        weights=weight_column,
        ids=ids,
        missing_values=missing,
        left=args.left,
        gap=args.gap,
        right=args.right,
    )
    ctx.note(
        f"{path.name}: {len(seqs)} sequences of {seqs.n_periods} periods ({seqs.columns[0]} .. {seqs.columns[-1]}), "
        f"{len(seqs.observed_alphabet)} states: {', '.join(seqs.observed_alphabet)}"
        + (" (and missing)" if seqs.has_missing else "")
    )
    return Input(path=path, table=table, seqs=seqs, id_column=id_column)


# ====================================================================================================================
# Writing outputs
# ====================================================================================================================


def check_output(path_text: str, suffixes: Sequence[str], option: str = "--out") -> Path:
    """Refuses an output that cannot be written before any work is done, rather than after an hour of distances."""
    path = Path(path_text)
    if path.suffix.lower() not in suffixes:
        raise CliError(f"{option} {path}: the file name must end with {' or '.join(suffixes)}")
    if path.is_dir():
        raise CliError(f"{option} {path} is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(f"{option} {path}: the directory {parent} does not exist")
    return path


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` (same suffix, so writers that pick a format from it still do) that replaces
    ``path`` only when the block succeeds: an interrupted or failed run leaves no truncated result."""
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_csv(frame: Any, path: Path | None, *, index: bool = False) -> None:
    if path is None:
        frame.to_csv(sys.stdout, index=index)
        return
    with atomic_output(path) as temporary:
        frame.to_csv(temporary, index=index)


def write_npy(array: Any, path: Path) -> None:
    import numpy as np

    with atomic_output(path) as temporary, open(temporary, "wb") as fh:
        np.save(fh, array)  # a file object: np.save would append ".npy" to a path that lacks it


# ====================================================================================================================
# Distances
# ====================================================================================================================


def _is_number(text: str) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def read_cost_matrix(path: Path, states: Sequence[str]) -> Any:
    """A user substitution-cost matrix from ``.npy`` (K×K, or K×K×L time-varying) or a CSV file.

    A CSV file may carry state names in its first row and/or column (what R's ``write.csv(sm)`` writes); the rows
    and columns are then put in the data's state order, so the file's order does not matter. Without names the
    order must be the data's alphabet order.
    """
    import numpy as np
    import pandas as pd

    if not path.exists():
        raise CliError(f"--sm {path}: no such file")
    where = f"the cost matrix in {path}"
    if path.suffix.lower() == ".npy":
        try:
            matrix = np.load(path, allow_pickle=False)
        except Exception as exc:
            raise CliError(f"cannot read {path} as a .npy array: {_one_line(exc)}") from exc
        if matrix.ndim not in (2, 3):
            raise CliError(f"{where} has {matrix.ndim} dimensions; it must be a square K×K matrix")
        if matrix.shape[0] != matrix.shape[1]:
            raise CliError(
                f"{where} is {matrix.shape[0]}x{matrix.shape[1]}; it must be square, one row and one column per state"
            )
        if not np.issubdtype(matrix.dtype, np.number):
            raise CliError(f"{where} does not hold numbers")
        return matrix.astype(np.float64)
    try:
        separator = _separator(path, None, False, "utf-8-sig")
        _check_csv_shape(path, separator, False, "utf-8-sig")
        raw = pd.read_csv(path, header=None, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except CliError:
        raise
    except Exception as exc:
        raise CliError(f"cannot read {path} as a CSV cost matrix: {_one_line(exc)}") from exc
    cells = raw.to_numpy(dtype=object)
    if cells.size == 0:
        raise CliError(f"{where} is empty")
    # R's write.csv(sm) leaves the corner empty and names rows and columns; then names are there even when the
    # states are numbers. Otherwise a row or column of names is recognised by not being numbers.
    corner_empty = str(cells[0, 0]).strip() == ""
    has_header = corner_empty or any(not _is_number(c) for c in cells[0, 1:])
    body = cells[1:] if has_header else cells
    has_row_names = corner_empty or (body.size > 0 and any(not _is_number(c) for c in body[:, 0]))
    row_names = [str(c).strip() for c in body[:, 0]] if has_row_names else None
    numbers = body[:, 1:] if has_row_names else body
    col_names = [str(c).strip() for c in cells[0, 1 if has_row_names else 0 :]] if has_header else None
    rows, cols = numbers.shape
    if rows != cols:
        raise CliError(f"{where} is {rows}x{cols}; it must be square, one row and one column per state")
    matrix = np.empty((rows, cols))
    for i in range(rows):
        for j in range(cols):
            text = str(numbers[i, j]).strip()
            if not _is_number(text):
                raise CliError(f"{where}: row {i + 1}, column {j + 1} is {text!r}, not a number")
            matrix[i, j] = float(text)
    names = col_names or row_names
    if col_names and row_names and col_names != row_names:
        raise CliError(f"{where}: the row names {row_names} differ from the column names {col_names}")
    if names:
        if sorted(names) != sorted(states):
            raise CliError(
                f"{where} names the states {', '.join(names)} but the data have {', '.join(states)}; "
                "give one row and one column per state"
            )
        order = [names.index(s) for s in states]
        matrix = matrix[np.ix_(order, order)]
    return matrix


def _parse_indel(text: str) -> float | list[float] | str:
    """``auto``, one number, or one number per state (``1,1,2,...``, in the alphabet's order) as seqdist() takes."""
    if text.lower() == "auto":
        return "auto"
    values = []
    for part in text.split(","):
        try:
            value = float(part)
        except ValueError:
            raise CliError(f"--indel must be a number, one number per state or 'auto', got {text!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise CliError(f"--indel costs must be positive numbers, got {part.strip()}")
        values.append(value)
    return values[0] if len(values) == 1 else values


def _distance_options(args: argparse.Namespace, seqs: StateSequences) -> dict[str, Any]:
    """seqdist() keyword arguments from the command line, with the user's cost matrix read and checked."""
    sm: Any = None
    if args.sm is not None:
        if args.sm.upper() in COST_METHODS and not Path(args.sm).exists():
            sm = args.sm.upper()
        elif Path(args.sm).exists():
            states = list(seqs.alphabet if args.with_missing and seqs.has_missing else seqs.observed_alphabet)
            sm = read_cost_matrix(Path(args.sm), states)
        else:
            raise CliError(
                f"--sm {args.sm!r} is neither a cost method ({', '.join(COST_METHODS)}) nor an existing file"
            )
    indel = _parse_indel(args.indel)
    if sm is not None and not isinstance(sm, str) and args.cost_check == "warn":
        # seqdist() checks a user matrix strictly; TraMineR only warns about asymmetry and the triangle inequality.
        # Checking here with check="warn" and handing seqdist() the checked costs reproduces TraMineR.
        from .costs import SubstitutionCosts, check_costs

        states = tuple(seqs.alphabet if args.with_missing and seqs.has_missing else seqs.observed_alphabet)
        auto_indel = float(sm.max()) / 2 if sm.size else 1.0  # seqdist()'s indel="auto" for a matrix
        chosen = auto_indel if indel == "auto" else indel
        check_costs(
            sm,
            len(states),
            indel=None if args.dist_method in ("HAM", "DHD") else chosen,
            n_periods=seqs.n_periods,
            check="warn",
            alphabet=states,
        )
        sm = SubstitutionCosts(sm=sm, indel=chosen, alphabet=states, method="USER")
    if args.expcost < 0:
        raise CliError(f"--expcost must be non-negative, got {args.expcost}")
    return {
        "method": args.dist_method,
        "norm": args.norm,
        "indel": indel,
        "sm": sm,
        "expcost": args.expcost,
        "with_missing": args.with_missing,
        "weighted": args.weighted,
        "tpow": args.tpow,
    }


def compute_distances(
    args: argparse.Namespace,
    inp: Input,
    ctx: Context,
    *,
    full_matrix: bool = True,
    refseq: int | None = None,
    options: dict[str, Any] | None = None,
) -> Any:
    from .distances import seqdist

    options = _distance_options(args, inp.seqs) if options is None else options
    callback = ctx.progress.task(f"{options['method']} distances")
    try:
        result = seqdist(inp.seqs, refseq=refseq, full_matrix=full_matrix, progress=callback, **options)
    finally:
        ctx.progress.close()
    return result


def _condensed(result: Any, n: int) -> Any:
    """float32 condensed vector in scipy's ``squareform`` order (row-major upper triangle, which is also the order
    of R's ``dist`` lower triangle by columns) from whatever seqdist() returned."""
    import numpy as np

    array = np.asarray(result)
    if array.ndim == 2:
        from scipy.spatial.distance import squareform

        array = squareform(array, checks=False)
    if array.shape != (n * (n - 1) // 2,):
        raise RuntimeError(f"seqdist() returned shape {array.shape}, not a condensed matrix for {n} sequences")
    return array.astype(np.float32)


def _save_costs(seqs: StateSequences, options: dict[str, Any], path: Path, ctx: Context) -> None:
    """Writes the substitution costs the distances used (TraMineR's ``seqcost()$sm``), as R's ``write.csv(sm)``
    would, so that a study can report them and a later run can reuse them with ``--sm``."""
    import numpy as np
    import pandas as pd

    # seqdist() resolves the costs internally (method-specific cval: 1 for HAM, time-varying TRATE for DHD); asking
    # the same resolver guarantees the file holds what the distances used.
    from .distances import seqdist_costs

    matrix, indel = seqdist_costs(
        seqs,
        options["method"],
        sm=options["sm"],
        indel=options["indel"],
        with_missing=options["with_missing"],
        weighted=options["weighted"],
    )
    if matrix is None:
        raise CliError(f"--save-costs: {options['method']} uses no substitution costs")
    states = list(seqs.alphabet[: matrix.shape[0]])
    if path.suffix.lower() == ".npy":
        write_npy(np.asarray(matrix, dtype=np.float64), path)
    else:
        write_csv(pd.DataFrame(matrix, index=states, columns=states), path, index=True)
    indel_text = f"{indel:.6g}" if np.ndim(indel) == 0 else ", ".join(f"{v:.6g}" for v in np.ravel(indel))
    ctx.note(f"wrote {path} (substitution costs; indel {indel_text})")


def cmd_distances(args: argparse.Namespace, ctx: Context) -> int:
    import numpy as np

    out = check_output(args.out, (".npy",))
    costs_out = check_output(args.save_costs, (".csv", ".npy"), "--save-costs") if args.save_costs else None
    if costs_out is not None and costs_out.suffix.lower() == ".csv" and args.dist_method == "DHD":
        raise CliError("--save-costs: DHD's costs vary over time (K×K×periods); give a .npy file")
    if costs_out is not None and args.dist_method in ("LCP", "RLCP"):
        raise CliError(f"--save-costs: {args.dist_method} uses no substitution costs")
    if args.refseq is not None and args.condensed:
        raise CliError("--refseq gives one distance per row; --condensed does not apply")
    inp = load_input(args, ctx)
    n = len(inp.seqs)
    refseq = None
    if args.refseq is not None:
        if not 1 <= args.refseq <= n:
            raise CliError(f"--refseq {args.refseq} is out of range: the input has {n} rows (counted from 1)")
        refseq = args.refseq - 1
    options = _distance_options(args, inp.seqs)
    result = compute_distances(args, inp, ctx, full_matrix=not args.condensed, refseq=refseq, options=options)
    if costs_out is not None:
        _save_costs(inp.seqs, options, costs_out, ctx)
    if refseq is not None:
        array = np.asarray(result, dtype=np.float64).reshape(n)
        shape = f"{n} distances to row {args.refseq}"
    elif args.condensed:
        array = _condensed(result, n)
        shape = f"condensed {n}x{n}, {array.size:,} float32 values"
    else:
        array = np.asarray(result, dtype=np.float64)
        if array.shape != (n, n):
            raise RuntimeError(f"seqdist() returned shape {array.shape} for {n} sequences")
        shape = f"{n}x{n} float64"
    write_npy(array, out)
    ctx.note(f"wrote {out} ({shape}; max {float(np.max(array)) if array.size else 0:.6g})")
    return 0


# ====================================================================================================================
# Indicators and descriptions
# ====================================================================================================================


def _states_option(text: str | None) -> list[str] | None:
    if text is None:
        return None
    states = [s.strip() for s in text.split(",") if s.strip()]
    if not states:
        raise CliError("a --*-states option needs at least one state")
    return states


def cmd_indicators(args: argparse.Namespace, ctx: Context) -> int:
    from .indicators import indicator_table

    out = check_output(args.out, (".csv",)) if args.out else None
    inp = load_input(args, ctx)
    inactive = _states_option(args.inactive_states)
    active = _states_option(args.active_states)
    if active is not None and inactive is None:
        raise CliError("--active-states needs --inactive-states")
    if inactive is not None and active is None:
        # A relapse is inactivity after anything else, unless the user narrows what counts as activity.
        active = [s for s in inp.seqs.observed_alphabet if s not in inactive]
    table = indicator_table(
        inp.seqs,
        employment_states=_states_option(args.employment_states),
        benefit_states=_states_option(args.benefit_states),
        active_states=active,
        inactive_states=inactive,
        max_gap=args.max_gap,
    )
    frame = inp.row_frame()
    for column in table.columns:
        frame[column] = table[column].to_numpy()
    write_csv(frame, out)
    if out is not None:
        ctx.note(f"wrote {out} ({len(frame)} rows: {', '.join(table.columns)})")
    return 0


def cmd_describe(args: argparse.Namespace, ctx: Context) -> int:
    import pandas as pd

    from .descriptives import mean_time, sequence_frequencies, state_distribution, transition_rates

    out_dir = Path(args.out_dir) if args.out_dir else None
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise CliError(f"--out-dir {out_dir} exists and is not a directory")
        if not out_dir.parent.is_dir():
            raise CliError(f"--out-dir {out_dir}: the directory {out_dir.parent} does not exist")
    inp = load_input(args, ctx)
    seqs = inp.seqs
    frequencies = sequence_frequencies(seqs, top=args.top)
    example = frequencies.pop("example")
    frequencies["example_row"] = example.to_numpy() + 1  # counted from 1, as the other outputs
    tables: list[tuple[str, str, pd.DataFrame]] = [
        ("state_distribution", "State distribution per period (seqstatd)", state_distribution(seqs)),
        ("transition_rates", "Transition rates (seqtrate)", transition_rates(seqs)),
        ("mean_time", "Mean time in each state (seqmeant)", mean_time(seqs, serr=True)),
        ("sequence_frequencies", f"The {args.top} most frequent sequences (seqtab)", frequencies),
    ]
    if out_dir is None:
        with pd.option_context("display.width", 120, "display.max_columns", 20, "display.max_rows", 200):
            for _, title, table in tables:
                shown = table.T if table is tables[0][2] else table  # periods as rows: 70 columns do not fit
                print(f"{title}\n{shown.to_string(float_format=lambda v: f'{v:.4f}')}\n")
        return 0
    out_dir.mkdir(exist_ok=True)
    for name, _, table in tables:
        index = name != "sequence_frequencies"
        write_csv(table, out_dir / f"{name}.csv", index=index)
    ctx.note(f"wrote {', '.join(f'{name}.csv' for name, _, _ in tables)} in {out_dir}")
    return 0


# ====================================================================================================================
# Clustering
# ====================================================================================================================


def _parse_ks(text: str, n: int) -> list[int]:
    ks: list[int] = []
    for part in text.split(","):
        part = part.strip()
        bounds = part.split("-")
        if not all(b.strip().isdigit() for b in bounds) or len(bounds) > 2:
            raise CliError(f"--k takes a number of clusters, a list 3,4,5 or a range 2-8; got {text!r}")
        first, last = int(bounds[0]), int(bounds[-1])
        ks.extend(range(first, last + 1))
    for k in ks:
        if not 2 <= k <= n:
            raise CliError(f"--k {k}: the number of clusters must be between 2 and the number of rows ({n})")
    return sorted(set(ks))


def _load_distances(path: Path, n: int) -> Any:
    import numpy as np

    if not path.exists():
        raise CliError(f"--distances {path}: no such file")
    try:
        matrix = np.load(path, allow_pickle=False)
    except Exception as exc:
        raise CliError(f"cannot read {path} as a .npy array: {_one_line(exc)}") from exc
    if matrix.ndim == 1:
        if matrix.size != n * (n - 1) // 2:
            raise CliError(f"--distances {path} holds {matrix.size} condensed values; {n} rows need {n * (n - 1) // 2}")
        from scipy.spatial.distance import squareform

        matrix = squareform(matrix.astype(np.float64), checks=False)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise CliError(f"--distances {path} is not a square matrix (shape {matrix.shape})")
    if matrix.shape[0] != n:
        raise CliError(f"--distances {path} is {matrix.shape[0]}x{matrix.shape[1]} but the input has {n} rows")
    return matrix.astype(np.float64)


def cmd_cluster(args: argparse.Namespace, ctx: Context) -> int:
    import numpy as np
    import pandas as pd

    from .clustering import CLARA, PAM, WardClustering, cluster_quality

    out = check_output(args.out, (".csv",))
    save = check_output(args.save_distances, (".npy",), "--save-distances") if args.save_distances else None
    if args.distances and save:
        raise CliError("--save-distances only applies when distances are computed, not with --distances")
    inp = load_input(args, ctx)
    seqs = inp.seqs
    n = len(seqs)
    ks = _parse_ks(args.k, n)
    weights = seqs.weights if args.weights is not None else None
    D: Any = None
    if args.distances:
        D = _load_distances(Path(args.distances), n)
    elif args.method != "clara" or save is not None:
        D = np.asarray(compute_distances(args, inp, ctx), dtype=np.float64)
        if save is not None:
            write_npy(D, save)
            ctx.note(f"wrote {save} ({n}x{n} float64)")
    clara_distance: Any = D
    if D is None:
        # CLARA exists for N too large for an N×N matrix: ask seqdist() only for the distances of all rows to the
        # few rows a sample needs. Distances to references from the whole data keep data-derived costs (TRATE,
        # INDELSLOG) those of the whole data, as in the full matrix.
        from .distances import seqdist

        options = _distance_options(args, seqs)

        def clara_distance(rows_a: Any, rows_b: Any) -> Any:
            return seqdist(seqs, refseq=np.asarray(rows_b, dtype=np.int64), **options)[np.asarray(rows_a)]

    frame = inp.row_frame()
    quality_rows = []
    ward = WardClustering(n_clusters=ks[0]).fit(D, weights=weights) if args.method == "ward" else None
    for k in ks:
        if ward is not None:
            labels = ward.cut(k)
            details = f"agglomerative coefficient {ward.ac_:.4f}"
        else:
            if args.method == "pam":
                model = PAM(k, random_state=args.seed).fit(D, weights=weights)
            else:
                model = CLARA(k, n_samples=args.samples, random_state=args.seed).fit(
                    clara_distance, n_objects=n, weights=weights
                )
            labels = model.labels_
            details = (
                f"medoid rows {', '.join(str(m + 1) for m in model.medoid_indices_)}; "
                f"sum of distances to medoids {model.inertia_:.6g}"
            )
        frame["cluster" if len(ks) == 1 else f"cluster_k{k}"] = labels + 1  # numbered from 1, as R's cutree
        size_text = "/".join(str(s) for s in np.bincount(labels, minlength=k))
        if weights is not None:
            size_text += " (weighted " + "/".join(f"{w:.1f}" for w in np.bincount(labels, weights, k)) + ")"
        print(f"{args.method} k={k}: sizes {size_text}; {details}")
        if D is not None:
            quality_rows.append(pd.Series({"k": k, **cluster_quality(D, labels, weights=weights).to_dict()}))
    write_csv(frame, out)
    if quality_rows:
        qualities = pd.DataFrame(quality_rows).set_index("k")
        qualities.index = qualities.index.astype(int)
        print("quality (WeightedCluster's wcClusterQuality; HC lower is better):")
        print(qualities.to_string(float_format=lambda v: f"{v:.4f}"))
    else:
        ctx.note("no quality indices: they need the full N×N distance matrix, which CLARA does not compute")
    ctx.note(f"wrote {out}")
    return 0


# ====================================================================================================================
# Plots
# ====================================================================================================================


def cmd_plot(args: argparse.Namespace, ctx: Context) -> int:
    from . import plots

    out = check_output(args.out, (".png", ".svg", ".pdf"))
    inp = load_input(args, ctx)
    group = None
    if args.group is not None:
        group = inp.table[inp.column(args.group, "--group")].reset_index(drop=True)
    common: dict[str, Any] = {"group": group, "title": args.title}
    if args.kind == "chronogram":
        fig = plots.chronogram(inp.seqs, **common)
    elif args.kind == "index":
        fig = plots.index_plot(inp.seqs, sort=args.sort, **common)
    elif args.kind == "frequency":
        fig = plots.frequency_plot(inp.seqs, top=args.top, **common)
    elif args.kind == "meantime":
        fig = plots.mean_time_plot(inp.seqs, **common)
    else:
        fig = plots.transition_heatmap(inp.seqs, **common)
    with atomic_output(out) as temporary:
        plots.save_figure(fig, temporary, dpi=args.dpi)
    ctx.note(f"wrote {out}")
    return 0


# ====================================================================================================================
# The parser
# ====================================================================================================================


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Shows a default only where there is one worth showing (not None/False) and the help does not say it."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and "default" not in text:
            text += " (default: %(default)s)"
        return text


class _TopFormatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=24)
        # argparse measures the command names before it indents them, then wraps the longest; leave room for them.
        self._action_max_length = 18


def _input_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("input (seqdef)")
    group.add_argument("input", metavar="INPUT", help="a .csv (.tsv, .csv.gz), .parquet or Stata .dta file")
    group.add_argument(
        "--columns",
        metavar="SPEC",
        help="the period columns, as seqdef(data, 17:86): 1-based positions or names, ranges FIRST:LAST and comma "
        "lists (17:86, Sep.93:Jun.99, 3,5,9:20); [2001] means the column named 2001 (default: all columns not "
        "named by --id/--weights/--group)",
    )
    group.add_argument("--id", metavar="COLUMN", help="identifier column, copied to the outputs")
    group.add_argument("--weights", metavar="COLUMN", help="case weights column (seqdef weights=)")
    group.add_argument(
        "--missing",
        metavar="VALUE",
        action="append",
        help="extra cell values meaning missing, besides empty and NA (repeatable or comma-separated)",
    )
    group.add_argument(
        "--alphabet", metavar="A,B,C", help="the states in this order; any other state in the data is an error"
    )
    group.add_argument(
        "--left", default="NA", help="missing cells before the first state: NA (missing state *), DEL or a state"
    )
    group.add_argument("--gap", default="NA", help="missing cells between states: NA, DEL or a state")
    group.add_argument(
        "--right", default="DEL", help="missing cells after the last state: DEL (shorter sequence), NA or a state"
    )
    group.add_argument("--sep", help="CSV field separator (default: tab for .tsv, else guessed among , ; and tab)")
    group.add_argument("--encoding", default="utf-8", help="CSV text encoding")
    run = parent.add_argument_group("output")
    run.add_argument(
        "--progress", action="store_true", help="progress bar and notes on stderr even when it is not a terminal"
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no notes, only warnings and errors"
    )
    return parent


def _add_distance_options(parser: argparse.ArgumentParser, method_flags: Sequence[str]) -> None:
    group = parser.add_argument_group("distances (seqdist)")
    group.add_argument(
        *method_flags,
        dest="dist_method",
        default="OM",
        metavar="METHOD",
        help="OM, OMspell, HAM, DHD, LCS, ... as seqdist(method=)",
    )
    group.add_argument(
        "--sm",
        metavar="COSTS",
        help=f"substitution costs: {', '.join(COST_METHODS)} (seqcost method, cval 2) or a square matrix file "
        "(.npy, or .csv optionally with state names in its first row/column)",
    )
    group.add_argument(
        "--indel",
        default="auto",
        help="indel cost: a number, one per state (1,2,1,...) or auto (from the costs, as seqdist)",
    )
    group.add_argument("--norm", default="none", choices=NORMS, help="distance normalisation")
    group.add_argument("--expcost", type=float, default=0.5, help="OMspell cost of spell-length differences")
    group.add_argument("--tpow", type=float, default=1.0, help="OMspell exponent on spell durations")
    group.add_argument("--with-missing", action="store_true", help="treat the missing state * as a state")
    group.add_argument(
        "--unweighted",
        dest="weighted",
        action="store_false",
        help="derive TRATE/INDELS/INDELSLOG/FUTURE costs without the --weights (seqdist weighted=FALSE)",
    )
    group.add_argument(
        "--cost-check",
        choices=("error", "warn"),
        default="error",
        help="an asymmetric cost matrix or one that breaks the triangle inequality: refuse, or warn as TraMineR",
    )


SYNOPSIS = """\
Sequence analysis on CSV, Parquet or Stata files, reproducing R's TraMineR; no database or platform settings needed.

  samspill sequences distances mvad.csv --columns 17:86 --method OM --sm TRATE --indel 1 --out D.npy
  samspill sequences cluster mvad.csv --columns 17:86 --distances D.npy --method ward --k 4 --out clusters.csv
  samspill sequences indicators mvad.csv --columns 17:86 --out indicators.csv
  samspill sequences describe mvad.csv --columns 17:86 --out-dir describe/
  samspill sequences plot mvad.csv --columns 17:86 --kind chronogram --group male --out chronogram.png

Rows and columns are counted from 1, as in R. Errors print one line 'error: ...' and exit with status 2.
"""


def build_parser(prog: str = "samspill sequences") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=SYNOPSIS, formatter_class=_TopFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parent = _input_parent()

    p = commands.add_parser(
        "distances",
        parents=[parent],
        formatter_class=_Formatter,
        help="pairwise distances (seqdist) to a .npy file",
        description="Pairwise distances between the sequences, as TraMineR's seqdist(), written as an N×N float64 "
        "matrix in input row order (or a condensed float32 vector in scipy squareform order).",
    )
    _add_distance_options(p, ["--method"])
    p.add_argument("--refseq", type=int, metavar="ROW", help="only the distances to this row (from 1): N values")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--full", dest="condensed", action="store_false", help="N×N float64 matrix (the default)")
    shape.add_argument("--condensed", dest="condensed", action="store_true", help="condensed float32 vector")
    p.add_argument("--out", required=True, metavar="D.npy", help="output file")
    p.add_argument(
        "--save-costs",
        metavar="SM.csv",
        help="also write the substitution costs used (seqcost()$sm; reusable with --sm)",
    )
    p.set_defaults(handler=cmd_distances, condensed=False)

    p = commands.add_parser(
        "indicators",
        parents=[parent],
        formatter_class=_Formatter,
        help="per-sequence indicators (seqient, seqST, seqici, ...) to CSV",
        description="One row per sequence: normalised entropy (seqient), turbulence (seqST), complexity (seqici), "
        "transitions and spells; with --employment-states etc. the field's indicators too.",
    )
    p.add_argument("--out", metavar="TABLE.csv", help="output file (default: standard output)")
    p.add_argument("--employment-states", metavar="A,B", help="states that count as employment")
    p.add_argument("--benefit-states", metavar="A,B", help="states that count as being on benefits")
    p.add_argument("--inactive-states", metavar="A,B", help="states that count as inactivity (for relapses)")
    p.add_argument(
        "--active-states", metavar="A,B", help="states a relapse starts from (default: all but the inactive ones)"
    )
    p.add_argument("--max-gap", type=int, metavar="PERIODS", help="most periods in other states between the two")
    p.set_defaults(handler=cmd_indicators)

    p = commands.add_parser(
        "describe",
        parents=[parent],
        formatter_class=_Formatter,
        help="state distribution, transition rates, mean times, frequent sequences",
        description="seqstatd (with cross-sectional entropy), seqtrate, seqmeant and seqtab, printed or written as "
        "CSV files to --out-dir.",
    )
    p.add_argument("--out-dir", metavar="DIR", help="write one CSV file per table here (default: print them)")
    p.add_argument("--top", type=int, default=10, help="how many of the most frequent sequences")
    p.set_defaults(handler=cmd_describe)

    p = commands.add_parser(
        "cluster",
        parents=[parent],
        formatter_class=_Formatter,
        help="Ward, PAM or CLARA clustering to a CSV of row -> cluster",
        description="Clusters the sequences from --distances D.npy or from distances computed with the distance "
        "options, writes row -> cluster (numbered from 1) and prints WeightedCluster's quality indices.",
    )
    p.add_argument("--method", choices=CLUSTER_METHODS, default="ward", help="clustering method")
    p.add_argument("--k", default="4", metavar="K", help="number of clusters: 4, a list 3,4,5 or a range 2-8")
    p.add_argument("--distances", metavar="D.npy", help="precomputed distances (N×N or condensed)")
    p.add_argument("--save-distances", metavar="D.npy", help="also write the computed distances")
    p.add_argument("--seed", type=int, default=1, help="random seed for PAM's and CLARA's sampling")
    p.add_argument("--samples", type=int, default=5, help="CLARA: number of samples")
    p.add_argument("--out", required=True, metavar="CLUSTERS.csv", help="output file")
    _add_distance_options(p, ["--dist-method", "--distance-method"])
    p.set_defaults(handler=cmd_cluster)

    p = commands.add_parser(
        "plot",
        parents=[parent],
        formatter_class=_Formatter,
        help="chronogram, index, frequency, mean time or transition plots",
        description="TraMineR's seqdplot, seqIplot, seqfplot, seqmtplot and a transition-rate heat map, as PNG, SVG or "
        "PDF (from the --out suffix).",
    )
    p.add_argument("--kind", choices=PLOT_KINDS, default="chronogram", help="what to draw")
    p.add_argument("--group", metavar="COLUMN", help="one panel per value of this column")
    p.add_argument("--sort", choices=("from.start", "from.end"), help="index plot: sort the sequences")
    p.add_argument("--top", type=int, default=10, help="frequency plot: how many sequences")
    p.add_argument("--title", help="figure title")
    p.add_argument("--dpi", type=int, default=150, help="resolution of PNG output")
    p.add_argument("--out", required=True, metavar="FIG.png", help="output file: .png, .svg or .pdf")
    p.set_defaults(handler=cmd_plot)
    return parser


# ====================================================================================================================
# Entry point
# ====================================================================================================================


def main(argv: Sequence[str] | None = None, prog: str = "samspill sequences") -> int:
    """Runs one ``samspill sequences`` command; returns the exit status."""
    parser = build_parser(prog)
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USER_ERROR
    enabled = not args.quiet and (args.progress or sys.stderr.isatty())
    ctx = Context(progress=Progress(enabled))
    shown: set[str] = set()

    def show_warning(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
        text = _one_line(message if isinstance(message, BaseException) else Exception(str(message)))
        if text not in shown:  # a warning raised per row or per period would flood the terminal
            shown.add(text)
            ctx.progress.close()
            print(f"warning: {text}", file=sys.stderr)

    try:
        with warnings.catch_warnings():
            warnings.showwarning = show_warning
            # numpy's 0/0 notes (e.g. the entropy of an empty sequence) are expected NaNs, not news for the user.
            warnings.simplefilter("ignore", RuntimeWarning)
            return int(args.handler(args, ctx))
    except BrokenPipeError:
        # The reader went away (``| head``): not an error worth a message; keep Python from complaining at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (CliError, ValueError) as exc:
        message = _one_line(exc)
    except OSError as exc:
        message = _os_message(exc)
    except MemoryError:
        message = "not enough memory; for many sequences try --condensed, or cluster with --method clara"
    except KeyboardInterrupt:
        ctx.progress.close()
        print("interrupted", file=sys.stderr)
        return 130
    ctx.progress.close()
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())

"""The fuzz report: failures sorted into classes, so a deep run's tally is readable."""

from __future__ import annotations

from outcome import Failure, failure_classes, normalized, summary_lines

from nnviz_core.errors import SpecValueError


def _raised(error: Exception) -> Exception:
    """``error`` with a traceback through this file, as a crash in a test would have."""
    try:
        raise error
    except Exception as caught:
        return caught


def _index_error(items: list[int], at: int) -> Exception:
    try:
        items[at]
    except IndexError as caught:
        return caught
    raise AssertionError("no IndexError")


def _crash(message: str, case: str, suite: str = "specs") -> Failure:
    return Failure("crash", _raised(KeyError(message)), 0.1, case, suite)


def test_messages_that_differ_only_in_names_and_numbers_are_one_class() -> None:
    assert normalized("layer 'conv_3' takes 3 inputs, got 7.5\nmore") == (
        "layer '…' takes N inputs, got N"
    )
    assert normalized('unknown op "dense2" in conv2d') == "unknown op '…' in conv2d"
    assert normalized("x" * 500).endswith("…") and len(normalized("x" * 500)) == 160


def test_failures_are_grouped_by_kind_type_place_and_message_most_frequent_first() -> None:
    failures = [
        _crash("'a'", "input: [1]\nlayers: [relu]\n"),
        Failure("crash", _index_error([], 0), 0.2, "short", "round_trip"),
        _crash("'bb'", "x", "round_trip"),
        _crash("'c'", "input: [2]\n"),
        Failure("message", SpecValueError("two\nlines"), 0.0, "m", "options"),
        Failure("hang", None, 7.0, "slow", "specs"),
    ]
    classes = failure_classes(failures)
    assert [len(members) for _, members in classes] == [3, 1, 1, 1]
    kind, error, frame, message = classes[0][0]
    assert (kind, error, message) == ("crash", "KeyError", "'…'")
    assert frame.startswith("tests/fuzz/test_fuzz_outcome.py:") and frame.endswith(" _raised")
    assert classes[1][0][:2] == ("crash", "IndexError") and classes[1][0][2].endswith(
        "_index_error"
    )
    assert classes[2][0] == ("message", "SpecValueError", "", "two")
    assert classes[3][0] == ("hang", "", "", "over 5 s")


def test_the_summary_lists_each_class_once_with_its_shortest_input_then_a_few_in_full() -> None:
    failures = [_crash(f"'{n}'", "input: [1]\n" + "- relu\n" * n) for n in (5, 2, 9)]
    failures += [Failure("hang", None, 7.0, f"case {n}", "history") for n in range(4)]
    failures.append(Failure("message", SpecValueError("a\nb"), 0.0, "msg case", "options"))
    lines = summary_lines(failures, examples=2)
    assert lines[0] == "failure classes: 3 (of 8 failures)"
    assert lines[1] == "[1] 4 × hang (history): over 5 s"
    assert lines[2] == "    e.g. case 0"
    assert lines[3].startswith("[2] 3 × crash at tests/fuzz/test_fuzz_outcome.py:")
    assert lines[3].endswith(" _raised (specs): KeyError: '…'")
    assert lines[4] == "    e.g. input: [1]\\n- relu\\n- relu\\n"
    assert lines[5] == "[3] 1 × message (options): SpecValueError: a"
    full = [line for line in lines if line.startswith("--- class")]
    assert len(full) == 2 and full[1].startswith("--- class [2], its shortest input: crash")
    assert full[1].endswith("--- input:\ninput: [1]\n- relu\n- relu\n")
    assert summary_lines([]) == []


def test_a_long_input_is_cut_on_its_class_line() -> None:
    line = summary_lines([_crash("'k'", "a\x00" * 200)])[2]
    assert (
        line.startswith("    e.g. a?a?")
        and line.endswith("…")
        and len(line) == len("    e.g. ") + 160
    )

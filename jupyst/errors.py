"""Exceptions of the st.* API and the control-flow signals of a script run.

Messages follow Streamlit's wording so that a script that fails under Streamlit fails the
same way here. Control flow (stop, rerun) uses ``BaseException`` so that a user's
``try/except Exception`` around app code cannot swallow it.
"""

from __future__ import annotations

from typing import Any


class Error(Exception):
    """The base of the errors jupyst raises (``st.errors.Error``, as in Streamlit)."""


class MarkdownFormattedException(Error):  # noqa: N818 (Streamlit's name)
    """An error whose message is Markdown: the app shows it formatted, not as plain text."""


class StreamlitAPIException(MarkdownFormattedException):
    """An st.* call was used wrongly; shown in the app as an error box."""

    def __init__(self, message: str = "", *args: Any, **_: Any) -> None:
        super().__init__(message, *args)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class StreamlitAPIWarning(StreamlitAPIException, Warning):
    """A problem worth showing in the app without stopping the script."""


class DuplicateWidgetID(StreamlitAPIException):
    """Two elements of one run share an id; base of the key and auto-id variants."""


class StreamlitDuplicateElementId(DuplicateWidgetID):
    def __init__(self, element_type: str) -> None:
        super().__init__(
            f"There are multiple `{element_type}` elements with the same auto-generated ID. "
            "When this element is created, it is assigned an internal ID based on the element "
            "type and provided parameters. Multiple elements with the same type and parameters "
            "will cause this error.\n\nTo fix this error, please pass a unique `key` argument "
            f"to the `{element_type}` element."
        )


class StreamlitDuplicateElementKey(DuplicateWidgetID):
    def __init__(self, user_key: str) -> None:
        super().__init__(
            f"There are multiple elements with the same `key='{user_key}'`. To fix this, "
            "please make sure that the `key` argument is unique for each element you create."
        )


def _state_item(key: str) -> str:
    fence = "`"
    text = f"st.session_state[{key!r}]"
    while fence in text:
        fence += "`"
    return f"{fence}{text}{fence}"


class StreamlitWidgetAlreadyInstantiatedError(StreamlitAPIException):
    def __init__(self, key: str) -> None:
        item = _state_item(key)
        super().__init__(
            f"{item} cannot be modified after the widget with that key is instantiated. "
            f"Assign {item} before creating the widget, or update it from an `on_change` or "
            "`on_click` callback, which runs before the widget is instantiated. If this is a "
            "read-only session state key (buttons, file and media inputs, `st.data_editor`, "
            "forms, chart or `ButtonColumn` selections), store the value under a different "
            "session state key."
        )


class StreamlitValueAssignmentNotAllowedError(StreamlitAPIException):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"{_state_item(key)} is read-only and cannot be assigned through session state. "
            "Use a different session state key for values you need to set."
        )


class StreamlitInvalidFormCallbackError(StreamlitAPIException):
    def __init__(self) -> None:
        super().__init__(
            "Within a form, callbacks can only be defined on `st.form_submit_button`. "
            "Defining callbacks on other widgets inside a form is not allowed."
        )


class StreamlitInvalidColumnSpecError(StreamlitAPIException):
    def __init__(self) -> None:
        super().__init__(
            "The `spec` argument to `st.columns` must be either a positive integer (number of "
            "columns) or a list of positive numbers (width ratios of the columns). See "
            "[documentation](https://docs.streamlit.io/develop/api-reference/layout/st.columns)"
            " for more information."
        )


class StreamlitValueBelowMinError(StreamlitAPIException):
    def __init__(self, value: Any, min_value: Any) -> None:
        super().__init__(f"The `value` {value} is less than the `min_value` {min_value}.")


class StreamlitValueAboveMaxError(StreamlitAPIException):
    def __init__(self, value: Any, max_value: Any) -> None:
        super().__init__(f"The `value` {value} is greater than the `max_value` {max_value}.")


class StreamlitInvalidMinMaxError(StreamlitAPIException):
    def __init__(self, min_value: Any, max_value: Any) -> None:
        if min_value == max_value:
            msg = (
                f"The `min_value` and `max_value` parameters are both set to {min_value}. "
                "They must not be equal."
            )
        else:
            msg = (
                f"The `min_value`, set to {min_value}, cannot be greater than the "
                f"`max_value`, set to {max_value}."
            )
        super().__init__(msg)


class StreamlitMixedNumericTypesError(StreamlitAPIException):
    def __init__(self, **values: Any) -> None:
        lines = ["All numerical arguments must be of the same type."]
        for name, value in values.items():
            if value is not None:
                lines.append(f"`{name}` has {type(value).__name__} type.")
        super().__init__("\n".join(lines))


class StreamlitSelectionCountExceedsMaxError(StreamlitAPIException):
    def __init__(self, current: int, maximum: int) -> None:
        noun = "option" if current == 1 else "options"
        max_noun = "option" if maximum == 1 else "options"
        super().__init__(
            f"Multiselect has {current} {noun} selected but `max_selections` is set to "
            f"{maximum}. This happened because you either gave too many options to `default` "
            "or you manipulated the widget's state through `st.session_state`. Note that the "
            "latter can happen before the line indicated in the traceback. Please select at "
            f"most {maximum} {max_noun}."
        )


class StreamlitInvalidLayoutContextError(StreamlitAPIException):
    """A command was used where its layout, form or dialog context forbids it."""


class NoSessionContext(RuntimeError):
    """An st.* call that needs a running app was made outside one."""


class ScriptControlException(BaseException):
    """Base of the signals that end a script run early."""


class StopException(ScriptControlException):
    """Raised by ``st.stop()``: the run ends here, and counts as finished."""


class RerunException(ScriptControlException):
    """Raised by ``st.rerun()``: the run ends here and a new one starts at once.

    ``fragment_ids`` names the fragments to rerun; empty means the whole app.
    """

    def __init__(self, fragment_ids: list[str] | None = None) -> None:
        super().__init__()
        self.fragment_ids = list(fragment_ids or ())


class FragmentHandledException(Exception):  # noqa: N818 (Streamlit's name)
    """A fragment's error was already shown inside the fragment; the run ends here."""


class RerunInterrupt(ScriptControlException):
    """A newer widget event arrived: the stale run ends at its next st.* call."""


#: what a script (or a callback, fragment or cached function) may raise that ends its run with
#: an error shown on the page: ``sys.exit()`` and ``KeyboardInterrupt`` included, since a
#: visitor's kernel must neither end nor print a traceback to the socket because of them
SCRIPT_FAILURES: tuple[type[BaseException], ...] = (Exception, SystemExit, KeyboardInterrupt)


class StreamlitValueError(StreamlitAPIException):
    """A parameter got a value outside the set it accepts."""

    def __init__(self, parameter: str, valid_values: list[str], *, detail: str | None = None) -> None:
        msg = f"Invalid `{parameter}` value. Supported values: {', '.join(valid_values)}."
        super().__init__(f"{msg} {detail}" if detail else msg)


class StreamlitValueOutOfRangeError(StreamlitAPIException):
    def __init__(self, parameter: str, value: Any, min_value: Any, max_value: Any, *, detail: str | None = None) -> None:
        msg = (
            f"The `{parameter}` parameter, set to {value}, is outside the required range "
            f"[{min_value}, {max_value}]."
        )
        super().__init__(f"{msg} {detail}" if detail else msg)


class StreamlitInvalidParameterTypeError(StreamlitAPIException):
    def __init__(self, parameter: str, provided_type: str, expected_types: list[str], *, detail: str | None = None) -> None:
        msg = (
            f"Invalid `{parameter}` type. Expected one of: {', '.join(expected_types)}. "
            f"Provided type: {provided_type}."
        )
        super().__init__(f"{msg} {detail}" if detail else msg)


class StreamlitMissingRequiredParameterError(StreamlitAPIException):
    """A required parameter is missing, None or empty."""

    def __init__(self, parameter: str, *, detail: str | None = None) -> None:
        msg = f"The `{parameter}` parameter is required."
        super().__init__(f"{msg} {detail}" if detail else msg)


class StreamlitInvalidNumberFormatError(StreamlitAPIException):
    def __init__(self, format: str) -> None:
        super().__init__(f"Format string for `st.number_input` contains invalid characters: {format}")


class StreamlitDefaultNotInOptionsError(StreamlitAPIException):
    def __init__(self, value: Any) -> None:
        super().__init__(
            f"The default value '{value}' is not part of the options. Please make sure that "
            "every default value also exists in the options."
        )


class StreamlitIncompatibleParametersError(StreamlitAPIException):
    """Two or more parameter uses that cannot be combined."""

    def __init__(self, first_use: str, second_use: str, *other_uses: str, explanation: str | None = None) -> None:
        quoted = [f"`{use}`" for use in (first_use, second_use, *other_uses)]
        if len(quoted) == 2:
            uses = f"{quoted[0]} and {quoted[1]}"
        else:
            uses = ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
        msg = f"{uses} cannot be used together."
        super().__init__(f"{msg} {explanation}" if explanation else msg)


class StreamlitJSNumberBoundsError(StreamlitAPIException):
    """A number (or a date as microseconds) that JavaScript cannot represent exactly."""


class StreamlitAuthError(StreamlitAPIException):
    """Logging in cannot work: the ``[auth]`` secrets are missing or incomplete."""


class StreamlitMissingAuthlibError(StreamlitAuthError):
    """``st.login`` needs Authlib, which is not installed (or too old)."""

    def __init__(self) -> None:
        super().__init__("Authentication requires Authlib>=1.3.2. Install it via `pip install streamlit[auth]`.")


# ----- st.components.v2 (Streamlit's wording) ---------------------------------------------------
class BidiComponentError(StreamlitAPIException):
    """The base of the errors of ``st.components.v2`` components."""


class BidiComponentInvalidIdError(BidiComponentError):
    def __init__(self, part: str, delimiter: str) -> None:
        super().__init__(
            f"The `{part}` of a bidirectional component's ID must not contain the delimiter sequence `{delimiter}`."
        )


class BidiComponentInvalidCallbackNameError(BidiComponentError):
    def __init__(self, callback_name: str) -> None:
        super().__init__(
            f"The callback name `'{callback_name}'` is not allowed. Callback names must follow the pattern "
            "`on_{event_name}_change` where `event_name` is not empty."
        )


class BidiComponentInvalidDefaultKeyError(BidiComponentError):
    def __init__(self, state_key: str, available_keys: list[str]) -> None:
        available = available_keys or "none"
        super().__init__(
            f"Key `'{state_key}'` in `default` is not a valid state name. Valid state names are those with "
            f"corresponding `on_{{state_name}}_change` callbacks. Available state names: `{available}`"
        )


class BidiComponentUnserializableDataError(BidiComponentError):
    def __init__(self) -> None:
        super().__init__(
            "The `data` provided to the bidirectional component could not be serialized. Please ensure the data "
            "is JSON-serializable, or is a supported data structure like a pandas DataFrame."
        )


class StreamlitComponentRegistryError(Error):
    """A packaged component's manifest or asset path is wrong (Streamlit's name)."""

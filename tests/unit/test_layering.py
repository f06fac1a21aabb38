"""House rules as tests: the core never imports Qt; windows never touch the database; documents
are built, rendered and audited by services, never by windows or the command line."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "iopdesk"
CORE = ["db", "domain", "services", "reports"]
DB_CALLS = {
    "select",
    "get_or_none",
    "atomic",
    "delete_instance",
    "execute_sql",
    "insert_many",
    "get_by_id",
    "create_tables",
}


def _modules(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def _imports(tree: ast.AST):
    """Every module a file imports, at any depth: in functions and under TYPE_CHECKING too
    (``from iopdesk import db`` counts as ``iopdesk.db``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def _importers(folders: list[str], forbidden: str) -> list[str]:
    """``file imports module`` for each import of ``forbidden`` (or below it) in ``folders``."""
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for folder in folders
        for path in _modules(folder)
        for name in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if name == forbidden or name.startswith(forbidden + ".")
    ]


def test_core_packages_never_import_qt():
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for folder in CORE
        for path in _modules(folder)
        for name in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if name.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert offenders == []


def test_gui_never_imports_the_database_layer():
    """Not even the start-up file check or the instance lock: those are behind services.store."""
    offenders = [
        entry
        for forbidden in ("iopdesk.db", "peewee", "playhouse")
        for entry in _importers(["gui"], forbidden)
    ]
    assert offenders == []


def test_reports_never_import_services():
    """A renderer is fed a plain dataclass; it never reaches back for data (not even types)."""
    assert _importers(["reports"], "iopdesk.services") == []


def test_windows_and_the_command_line_never_render_documents():
    """Only a service use case renders a document (and audits it); gui and cli save its bytes."""
    assert _importers(["gui", "cli"], "iopdesk.reports") == []


def test_gui_never_queries_the_database():
    offenders = []
    for path in _modules("gui"):
        if "forms" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                attr = node.func.attr
                # Widgets' own save() methods (self.save(), self.editor.save()) and
                # QPainter.save() are Qt, not Peewee.
                root = node.func.value
                while isinstance(root, ast.Attribute):
                    root = root.value
                name = root.id if isinstance(root, ast.Name) else ""
                qt_owned = name == "self" or "painter" in name
                model_save = attr == "save" and not node.args and not node.keywords and not qt_owned
                if attr in DB_CALLS or model_save:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} calls .{attr}()")
    assert offenders == []


def test_only_paths_imports_appdirs():
    users = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "appdirs" in set(_imports(ast.parse(path.read_text(encoding="utf-8"))))
    ]
    assert users == ["paths.py"]


PLUMBING = {
    "__init__.py",
    "boundary.py",
    "context.py",
    "store.py",
    "permissions.py",
    "versions.py",
}


def test_services_are_grouped_by_clinical_area():
    loose = sorted(p.name for p in (ROOT / "services").glob("*.py") if p.name not in PLUMBING)
    assert loose == []


def test_each_area_names_its_use_cases():
    """Every use case in an area is listed in that area's ``__init__`` docstring."""
    missing = []
    for init in sorted((ROOT / "services").glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        for module in sorted(init.parent.glob("*.py")):
            for node in ast.parse(module.read_text(encoding="utf-8")).body:
                decorated = isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Call) and getattr(d.func, "id", "") == "use_case"
                    for d in node.decorator_list
                )
                if decorated and node.name not in doc:
                    missing.append(f"{init.parent.name}/{module.name}: {node.name}")
    assert missing == []


def _domain_errors() -> set[str]:
    """Every DomainError class name (the refusals a screen must leave to gui.operations)."""
    import iopdesk.errors
    import iopdesk.services.store

    found, todo = set(), [iopdesk.errors.DomainError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


#: Start-up recovery from a damaged file is a flow of its own, not a refused operation.
RECOVERY = {("app.py", "DamagedDatabase")}


def test_screens_run_every_operation_through_the_one_helper():
    """No screen catches a refusal or announces a change by hand: gui.operations does both."""
    errors, offenders = _domain_errors(), []
    for path in _modules("gui"):
        if path.name in ("operations.py", "hub.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = {
                    n.id if isinstance(n, ast.Name) else n.attr
                    for n in ast.walk(node.type)
                    if isinstance(n, ast.Name | ast.Attribute)
                }
                for name in caught & errors:
                    if (path.name, name) not in RECOVERY:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} except {name}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "emit"
                and isinstance(node.func.value, ast.Attribute)
                and isinstance(node.func.value.value, ast.Attribute)
                and node.func.value.value.attr == "hub"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} hub emit by hand")
    assert offenders == []

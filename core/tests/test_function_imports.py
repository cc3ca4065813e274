"""No hidden dependencies: every import inside a function says why it is there, and none hides a cycle.

The layers contract (`make lint`, import-linter, pyproject.toml) sees function-level imports too, but
such an import is also how two modules that need each other hide a cycle. Each one in the project's
code (tests, migrations, browser journeys and benchmarks aside) carries a comment on its line or the
line above giving its reason: a slow optional library, the app registry in `ready()`, a migration's
historical models, a PostgreSQL-only module. A cycle is no reason: move the code instead. And
whatever the comment says, no function may import a project module that imports its own module back
when it loads.
"""

import ast
import io
import os
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_TOP = {"e2e", "bench", "node_modules", "var"}
SKIPPED_ANYWHERE = {"tests", "migrations", "__pycache__"}
# Tool directives (noqa, nosec, type: ignore) are not reasons: alone they say nothing about why.
PRAGMA = re.compile(
    r"noqa(:\s*[A-Z]+[0-9]+(\s*,\s*[A-Z]+[0-9]+)*)?|nosec(\s+[A-Z][0-9]+)*|type:\s*ignore(\[[^]]*\])?"
)
# (A review cycle is the annual review's, not an import's.)
CYCLE = re.compile(r"circular|cyclic|(?<!review )\bcycles?\b", re.IGNORECASE)


def _python_files():
    for folder, dirs, files in os.walk(ROOT):
        top = Path(folder) == ROOT
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in SKIPPED_ANYWHERE and not (top and d in SKIPPED_TOP)
        )
        for name in sorted(files):
            if name.endswith(".py") and name != "conftest.py":
                yield Path(folder) / name


def _reasons(source: str) -> dict[int, str]:
    """Line number -> the words of its comment, tool directives taken out."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            words = PRAGMA.sub("", token.string.lstrip("#")).strip(" -:;,")
            if re.search(r"[A-Za-z]{3}", words):
                found[token.start[0]] = words
    return found


def _imported(node: ast.Import | ast.ImportFrom, package: str = "") -> list[str]:
    """The modules an import statement names: `from jobs import services` may mean jobs.services."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative to the importing module's package
        base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
        module = f"{base}.{node.module}" if node.module else base
    else:
        module = node.module or ""
    return [module, *(f"{module}.{alias.name}" for alias in node.names)]


def _function_imports(tree: ast.Module):
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    found = {
        id(node): node
        for function in functions
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    }
    return sorted(found.values(), key=lambda node: node.lineno)


def function_level_imports(source: str):
    """(line, imported module, its comment or "") for every import inside a function or method."""
    imports = _function_imports(ast.parse(source))
    reasons = _reasons(source)
    # One comment above a run of imports speaks for the whole run.
    import_lines = {line for node in imports for line in range(node.lineno, node.end_lineno + 1)}
    for node in imports:
        above = node.lineno - 1
        while above in import_lines and above not in reasons:
            above -= 1
        reason = reasons.get(node.lineno) or reasons.get(above, "")
        modules = (
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else _imported(node)[:1]
        )
        for module in modules:
            yield node.lineno, ("." * getattr(node, "level", 0)) + module, reason


def _module_name(relative: Path) -> str:
    parts = relative.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(test)


def _module_level_imports(body: list[ast.stmt]):
    """The imports run when the module loads: its top level, and inside its top-level if/try blocks."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If | ast.Try | ast.With) and not _is_type_checking(node):
            for block in ("body", "orelse", "finalbody"):
                yield from _module_level_imports(getattr(node, block, []))
            for handler in getattr(node, "handlers", []):
                yield from _module_level_imports(handler.body)


def project_modules(root: Path, paths) -> dict[str, tuple[str, ast.Module]]:
    """Module name -> (its file, relative to root, and its syntax tree)."""
    modules = {}
    for path in paths:
        relative = path.relative_to(root)
        modules[_module_name(relative)] = (relative.as_posix(), ast.parse(path.read_text(encoding="utf-8")))
    return modules


def _package(name: str, relative: str) -> str:
    return name if relative.endswith("__init__.py") else name.rpartition(".")[0]


def _loads(modules, name: str, imported: list[str]) -> set[str]:
    """The project modules an import loads: each named one and the packages above it."""
    loaded = set()
    for module in imported:
        parts = module.split(".")
        loaded.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return {module for module in loaded if module in modules and module != name}


def hidden_cycles(modules):
    """(file, line, module) for each function-level import of a project module that, through the
    imports run when modules load, imports the importing module back: a cycle the function hides."""
    graph = {
        name: set().union(
            *(
                _loads(modules, name, _imported(node, _package(name, relative)))
                for node in _module_level_imports(tree.body)
            ),
        )
        for name, (relative, tree) in modules.items()
    }
    for name, (relative, tree) in modules.items():
        for node in _function_imports(tree):
            for start in _loads(modules, name, _imported(node, _package(name, relative))):
                seen, todo = set(), [start]
                while todo:
                    current = todo.pop()
                    if current not in seen:
                        seen.add(current)
                        todo.extend(graph[current])
                if name in seen:
                    yield relative, node.lineno, start


def _unexplained():
    for path in _python_files():
        relative = path.relative_to(ROOT).as_posix()
        for line, module, reason in function_level_imports(path.read_text(encoding="utf-8")):
            if not reason:
                yield f"{relative}:{line}: {module} (no comment saying why it is imported here)"
            elif CYCLE.search(reason):
                yield f"{relative}:{line}: {module} (a cycle is no reason: move the code) # {reason}"


def test_every_function_level_import_says_why_and_it_is_not_a_cycle():
    stray = list(_unexplained())
    assert stray == [], "Function-level imports without a reason:\n" + "\n".join(stray)


def test_no_function_level_import_hides_a_cycle():
    # Whatever its comment says: the module imported imports this one back when it loads.
    cycles = [
        f"{path}:{line}: {module}"
        for path, line, module in hidden_cycles(project_modules(ROOT, _python_files()))
    ]
    assert cycles == [], "Function-level imports hiding a cycle (move the code instead):\n" + "\n".join(
        cycles
    )


def test_the_search_finds_imports_in_functions_and_reads_their_comments():
    source = (
        "import os  # module level: never reported\n"
        "def make():\n"
        "    from plans import steps  # noqa: F401\n"
        "    # slow to load, and only documents need it\n"
        "    from weasyprint import HTML\n"
        "    import json\n"
        "    def inner():\n"
        "        import csv  # only the export reads files\n"
        "        x = 1\n"
        "        import re\n"
        "class Config:\n"
        "    def ready(self):\n"
        "        from casework import services  # the service needs these models: a cycle\n"
        "        from portal import one_login  # noqa: F401 - registers the sign-in backend\n"
    )
    found = [(line, module, reason) for line, module, reason in function_level_imports(source)]
    assert found == [
        (3, "plans", ""),
        (5, "weasyprint", "slow to load, and only documents need it"),
        (6, "json", "slow to load, and only documents need it"),
        (8, "csv", "only the export reads files"),
        (10, "re", ""),
        (13, "casework", "the service needs these models: a cycle"),
        (14, "portal", "registers the sign-in backend"),
    ]
    assert CYCLE.search("the service needs these models: a cycle")
    assert CYCLE.search("Function-level: breaks a circular import")
    assert not CYCLE.search("Start a review cycle when a plan is first issued")


def test_a_function_level_import_of_a_module_that_imports_this_one_back_is_a_cycle(tmp_path):
    files = {
        "shop/__init__.py": "",
        "shop/models.py": "import uuid\n",
        "shop/tasks.py": "from shop import services\n",
        "shop/services.py": "import shop.models\ndef enqueue():\n    from shop.tasks import run  # late\n",
        "shop/health.py": "def check():\n    from shop import models  # only when asked\n",
        "shop/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shop import late\n",
        "shop/late.py": "def name():\n    from . import typed  # only when asked\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = project_modules(tmp_path, sorted(tmp_path.rglob("*.py")))
    assert list(hidden_cycles(modules)) == [("shop/services.py", 3, "shop.tasks")]

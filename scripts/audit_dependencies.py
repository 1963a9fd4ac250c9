#!/usr/bin/env python
"""Audit the installed packages with pip-audit; used by scripts/test.

Fails on any known vulnerability. Packages pip-audit could not look up are counted:
when the vulnerability service answers for some packages but not others, that fails
too (something is wrong with those packages). When it answers for none — the service
is unreachable from this network, as on the project's sandboxed machines, whose package
proxy does not serve PyPI's per-release JSON API — the run goes on with a loud warning,
because no audit took place and pretending otherwise would be worse than saying so.
"""

import json
import subprocess
import sys

RED, BOLD, RESET = "\033[1;31m", "\033[1m", "\033[0m"


def main() -> int:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--local",
            "--skip-editable",
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--timeout",
            "30",
        ],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"{RED}pip-audit did not produce a report:{RESET}\n{result.stderr}", file=sys.stderr)
        return 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            print(
                f"{RED}{dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {', '.join(vuln.get('fix_versions') or ['?'])}){RESET}"
            )
    if vulnerable:
        return 1
    if audited == 0 and skipped:
        print(
            f"{RED}!!! pip-audit could not reach the vulnerability service from this network: "
            f"{len(skipped)} packages were NOT audited (see docs/security.md). !!!{RESET}"
        )
        return 0
    if skipped:
        print(
            f"{RED}pip-audit could not audit: {', '.join(d['name'] for d in skipped)}{RESET}",
            file=sys.stderr,
        )
        return 1
    print(f"{BOLD}pip-audit: {audited} packages audited, no known vulnerabilities.{RESET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

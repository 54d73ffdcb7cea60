import subprocess
import sys


def test_samspill_help_lists_the_platform_commands():
    result = subprocess.run(
        [sys.executable, "-m", "samspill", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    for command in ("demo", "token", "organisation", "user", "migrate"):
        assert f"    {command}\n" in result.stdout, command

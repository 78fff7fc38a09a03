#!/usr/bin/env python3
"""Prints the suite's wall time and its ten slowest test classes and tests, from Surefire and Failsafe reports."""
import glob
import sys
import xml.etree.ElementTree as ET

suite_seconds = float(sys.argv[1]) if len(sys.argv) > 1 else None
classes, cases = [], []
for report in glob.glob("target/surefire-reports/TEST-*.xml") + glob.glob("target/failsafe-reports/TEST-*.xml"):
    root = ET.parse(report).getroot()
    classes.append((float(root.get("time", 0) or 0), root.get("name")))
    for case in root.iter("testcase"):
        cases.append((float(case.get("time", 0) or 0), case.get("classname", "").rsplit(".", 1)[-1] + "." + case.get("name", "")))

if suite_seconds is not None:
    print(f"Suite time: {suite_seconds:.0f} s ({suite_seconds / 60:.1f} min) for {len(cases)} tests in {len(classes)} classes")
print("Slowest test classes:")
for seconds, name in sorted(classes, reverse=True)[:10]:
    print(f"  {seconds:7.1f} s  {name}")
print("Slowest tests:")
for seconds, name in sorted(cases, reverse=True)[:10]:
    print(f"  {seconds:7.1f} s  {name}")

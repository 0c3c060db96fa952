#!/usr/bin/env python3
"""Checks the seed plan files (plans/*.json) against the four source documents (plans/seeds/).

Run as: python3 tests/plans/plan_files_test.py <repo root>. Exit 0 when every check passes;
otherwise every failure is printed, one per line, and the exit status is 1.

The tables below are a reading of the documents, written from the text, not from the files:
the count of duties of each kind per document, and for every duty whose lead, request or due
day the text states, the phrase of the text that states it.
"""

import json
import os
import re
import sys

PLAN_FIELDS = {"id", "code", "title", "issuer", "issued_on", "focal_agency", "basis",
               "audience", "agreement", "phases", "tasks"}
KINDS = {"joint", "each", "on_event", "rule"}
COMMON = {"id", "kind", "phase", "section", "title", "description", "source"}
ALLOWED = {
    "joint": COMMON | {"lead", "coordinators", "due_on", "recurrence", "request"},
    "each": COMMON | {"agencies", "due_on", "recurrence", "request"},
    "on_event": COMMON | {"lead", "coordinators", "trigger", "request", "set_off_by"},
    "rule": COMMON,
}
# What Mandate records of what sets an on_event duty off; the others are not recorded here.
SET_OFF_BY = {"incident", "transfer"}
REQUIRED = {
    "joint": COMMON | {"lead", "coordinators"},
    "each": COMMON | {"agencies"},
    "on_event": COMMON | {"lead", "coordinators", "trigger"},
    "rule": COMMON,
}

# Plan file -> its document in plans/seeds/.
DOCUMENTS = {
    "vn-la-2024": "001_fc4e6e201cb08cd7.txt",
    "vn-it-2026": "002_92f972dd75369b46.txt",
    "vn-mn-2021": "003_dd310059c8061d90.txt",
    "ht-ct44-2024": "004_c3514596c803d367.txt",
}

# Duties of each kind in each document.
# 001: joint = I.2.a's three named bodies, II.2.b, II.2.c, II.3, III.3; each = II.1's three
#      unattributed measures, I.2.a's briefing, III.1 (own plans; the request to the Front
#      and judiciary), III.2; on_event = the breach report.
# 002: joint = II.2.a's four duties of named ministries, II.2.b's two, II.5, III.2, III.5;
#      each = II.1, II.2.a's briefing, II.4's three unattributed measures, III.1, III.3, III.4;
#      on_event = the breach report.
# 003: joint = II.1.a-c, III.2; each = II.2, II.3.a, II.3.f, II.4 (estimates), III.1's two
#      sentences; on_event = the transfer approval (II.3.b), breach (II.3.e), Finance's
#      appraisal (II.4), delegations (III.3); rule = II.3.b's transfer rules, II.3.c, II.3.d.
# 004: joint = III.2's four, III.3's two, III.4, III.5's two, III.6, III.7's first duty per
#      command, IV.2; each = II.1, II.2, II.4 (staff), II.5-II.9, III.1, IV.1; on_event =
#      handover when staff leave (II.4), donated equipment (III.2), exercises (III.7, per
#      command); rule = II.3.
EXPECTED_KINDS = {
    "vn-la-2024": {"joint": 7, "each": 7, "on_event": 1, "rule": 0},
    "vn-it-2026": {"joint": 9, "each": 8, "on_event": 1, "rule": 0},
    "vn-mn-2021": {"joint": 4, "each": 6, "on_event": 4, "rule": 3},
    "ht-ct44-2024": {"joint": 13, "each": 10, "on_event": 4, "rule": 1},
}

# The phrase of the text that names each joint and on_event lead. By default the phrase is in
# the task's source lines; a third element names other lines: the heading that names the
# body of a list of duties (004 III.2, III.7), or, where the text names no lead, the line
# that makes the chosen lead the plan's focal agency (see plans/README.md).
LEAD_PHRASES = {
    "vn-la-2024": {
        "la-breach-reporting": ("cong-an-tinh", "Công an tỉnh"),
        "la-training": ("cong-an-tinh", "Cơ quan thực hiện: Công an tỉnh"),
        "la-notify-entry-into-force": ("so-ngoai-vu", "Cơ quan thực hiện: Sở Ngoại vụ"),
        "la-media": ("so-thong-tin-truyen-thong", "Cơ quan thực hiện: Sở Thông tin và Truyền thông"),
        "la-collect-data": ("cong-an-tinh", "Cơ quan chủ trì: Công an tỉnh"),
        "la-review-and-summarise": ("cong-an-tinh", "Cơ quan chủ trì: Công an tỉnh"),
        "la-annual-report": ("cong-an-tinh", "Công an tỉnh tổng hợp"),
        "la-direct-and-monitor": ("cong-an-tinh", "Giao Công an tỉnh chủ trì"),
    },
    "vn-it-2026": {
        "it-training": ("bo-cong-an", "Bộ Công an phổ biến"),
        "it-press-release": ("bo-cong-an", "thuộc Bộ Công an"),
        "it-notify-missions": ("bo-ngoai-giao", "Bộ Ngoại giao: thông báo"),
        "it-treaty-list": ("bo-ngoai-giao", "Bộ Ngoại giao"),
        "it-collect-data": ("bo-cong-an", "Cơ quan chủ trì: Bộ Công an"),
        "it-annual-review": ("bo-cong-an", "Cơ quan chủ trì: Bộ Công an"),
        "it-summary": ("bo-cong-an", "Bộ Công an chủ trì"),
        "it-direct-and-report": ("bo-cong-an", "Bộ Công an chủ trì"),
        "it-inspection": ("bo-cong-an", "Bộ Công an định kỳ kiểm tra"),
        # 002:69 names only "cơ quan có thẩm quyền"; the focal ministry of 002:91.
        "it-breach-reporting": ("bo-cong-an", "Bộ Công an định kỳ kiểm tra, giám sát", "002:91"),
    },
    "vn-mn-2021": {
        "mn-training": ("cong-an-tinh", "Cơ quan chủ trì: Công an tỉnh"),
        "mn-collect-data": ("cong-an-tinh", "Cơ quan chủ trì: Công an tỉnh"),
        "mn-annual-review": ("cong-an-tinh", "Cơ quan chủ trì: Công an tỉnh"),
        "mn-transfer-approval": ("van-phong-ubnd-tinh", "giao Văn phòng Ủy ban nhân dân tỉnh chủ trì"),
        "mn-breach-reporting": ("cong-an-tinh", "trao đổi với Công an tỉnh (Phòng An ninh chính trị nội bộ)"),
        "mn-budget-appraisal": ("so-tai-chinh", "Sở Tài chính có trách nhiệm thẩm định"),
        "mn-focal-agency": ("cong-an-tinh", "Công an tỉnh là cơ quan đầu mối"),
        "mn-delegations": ("van-phong-ubnd-tinh", "Văn phòng Ủy ban nhân dân tỉnh phối hợp"),
    },
    "ht-ct44-2024": {
        "ht-police-advisory": ("cong-an-tinh", "2. Công an tỉnh", "004:33"),
        "ht-training": ("cong-an-tinh", "2. Công an tỉnh", "004:33"),
        "ht-inspection-plan": ("cong-an-tinh", "2. Công an tỉnh", "004:33"),
        "ht-device-checks": ("cong-an-tinh", "2. Công an tỉnh", "004:33"),
        "ht-breach-prevention": ("cong-an-tinh", "2. Công an tỉnh", "004:33"),
        "ht-ict-guidance": ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông chủ trì"),
        "ht-ict-security": ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông chủ trì"),
        "ht-home-affairs-guidance": ("so-noi-vu", "Sở Nội vụ chủ trì"),
        "ht-legal-reporters": ("so-tu-phap", "Sở Tư pháp"),
        "ht-legal-dissemination": ("so-tu-phap", "Sở Tư pháp"),
        "ht-budget": ("so-tai-chinh", "Sở Tài chính phối hợp Công an tỉnh"),
        "ht-military-protection": ("bch-quan-su-tinh", "Bộ Chỉ huy Quân sự tỉnh"),
        "ht-border-guard-protection": ("bch-bien-phong-tinh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
        "ht-military-exercise-documents": ("bch-quan-su-tinh", "Bộ Chỉ huy Quân sự tỉnh", "004:45"),
        "ht-border-guard-exercise-documents": ("bch-bien-phong-tinh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "004:45"),
        "ht-monitor-and-report": ("cong-an-tinh", "Công an tỉnh - Cơ quan Thường trực Ban Chỉ đạo bảo vệ BMNN tỉnh chủ trì"),
        # 004:25 gives the handover to every body; the focal agency of 004:50 leads it.
        "ht-handover-on-leaving": ("cong-an-tinh", "Công an tỉnh - Cơ quan Thường trực", "004:50"),
    },
}

# Duties that are requests to bodies outside the issuer's authority: the phrase asking.
REQUEST_PHRASES = {
    "la-front-and-judiciary": "Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh",
}

# recurrence.due days the documents give: task id -> the phrase that gives the day. None do.
DUE_DAY_PHRASES = {}

# Every yearly duty's source says so.
YEARLY_WORDS = ("hằng năm", "hàng năm", "Hằng năm", "Hàng năm")

SOURCE_RE = re.compile(r"^(00[1-4]):([1-9][0-9]*)(?:-([1-9][0-9]*))?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Checker:
    def __init__(self, root):
        self.root = root
        self.failures = []
        self.seeds = {}

    def fail(self, where, message):
        self.failures.append(f"{where}: {message}")

    def seed_lines(self, number):
        if number not in self.seeds:
            path = None
            for name in DOCUMENTS.values():
                if name.startswith(number + "_"):
                    path = os.path.join(self.root, "plans", "seeds", name)
            try:
                with open(path, encoding="utf-8") as f:
                    self.seeds[number] = f.read().split("\n")
            except (OSError, TypeError) as e:
                self.fail(f"plans/seeds/{number}", f"cannot read the document: {e}")
                self.seeds[number] = []
        return self.seeds[number]

    def lines(self, where, spec, document):
        """The text of the lines `spec` ("001:28" or "001:28-30"), or None after a failure."""
        m = SOURCE_RE.match(spec) if isinstance(spec, str) else None
        if not m:
            self.fail(where, f"source {spec!r} is not NNN:L or NNN:L-M")
            return None
        number, first = m.group(1), int(m.group(2))
        last = int(m.group(3)) if m.group(3) else first
        if not document.startswith(number + "_"):
            self.fail(where, f"source {spec} is not in this plan's document {document}")
            return None
        text = self.seed_lines(number)
        if last < first or last > len(text):
            self.fail(where, f"source {spec}: lines {first}-{last} are not in {document} "
                             f"({len(text)} lines)")
            return None
        chosen = text[first - 1:last]
        if not any(line.strip() for line in chosen):
            self.fail(where, f"source {spec} cites only blank lines")
        return "\n".join(chosen)

    def load(self, name):
        path = os.path.join(self.root, "plans", name)
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as e:
            self.fail(f"plans/{name}", f"does not parse: {e}")
            return None

    def run(self):
        agencies = self.load("agencies.json")
        known = set()
        if isinstance(agencies, list):
            for a in agencies:
                if isinstance(a, dict) and isinstance(a.get("id"), str):
                    known.add(a["id"])
        if not known:
            self.fail("plans/agencies.json", "names no agency")
        plan_files = sorted(f[:-5] for f in os.listdir(os.path.join(self.root, "plans"))
                            if f.endswith(".json") and f != "agencies.json")
        if set(plan_files) != set(DOCUMENTS):
            self.fail("plans/", f"plan files {plan_files} are not the four documents' "
                                f"{sorted(DOCUMENTS)}")
        ids = set()
        for name in plan_files:
            plan = self.load(name + ".json")
            if isinstance(plan, dict):
                self.check_plan(name, plan, known, ids)
        return self.failures

    def check_agency(self, where, agency, known, star_ok):
        if agency == "*":
            if not star_ok:
                self.fail(where, '"*" in a plan without an audience')
        elif agency not in known:
            self.fail(where, f"agency {agency!r} is not in plans/agencies.json")

    def check_plan(self, name, plan, known, ids):
        where = f"plans/{name}.json"
        extra = set(plan) - PLAN_FIELDS
        if extra:
            self.fail(where, f"fields not in a plan body: {sorted(extra)}")
        if plan.get("id") != name:
            self.fail(where, f"id {plan.get('id')!r} is not the file's name")
        if not isinstance(plan.get("code"), str) or not plan["code"].strip():
            self.fail(where, "code is blank")
        for field in ("issuer", "focal_agency"):
            self.check_agency(f"{where} {field}", plan.get(field), known, False)
        audience = plan.get("audience", [])
        if not isinstance(audience, list):
            self.fail(where, "audience is not a list")
            audience = []
        for a in audience:
            if a == "*":
                self.fail(where, 'audience holds "*"')
            else:
                self.check_agency(f"{where} audience", a, known, False)
        if len(set(audience)) != len(audience):
            self.fail(where, "audience names an agency twice")
        if plan.get("issuer") in audience:
            self.fail(where, f"the issuer {plan.get('issuer')} is in the audience")
        star_ok = bool(audience)
        phases = {p.get("key"): p for p in plan.get("phases", []) if isinstance(p, dict)}
        document = DOCUMENTS.get(name, "")
        counts = {k: 0 for k in KINDS}
        for i, t in enumerate(plan.get("tasks", [])):
            tw = f"{where} tasks[{i}]"
            if not isinstance(t, dict):
                self.fail(tw, "is not an object")
                continue
            tid = t.get("id")
            tw = f"{where} {tid}"
            if not isinstance(tid, str) or not SLUG_RE.match(tid) or len(tid) > 58:
                self.fail(tw, "id is not an ASCII slug of at most 58 characters")
            if tid in ids:
                self.fail(tw, "id used twice")
            ids.add(tid)
            kind = t.get("kind")
            if kind not in KINDS:
                self.fail(tw, f"kind {kind!r} is not one of {sorted(KINDS)}")
                continue
            counts[kind] += 1
            extra = set(t) - ALLOWED[kind]
            if extra:
                self.fail(tw, f"a {kind} duty has no {sorted(extra)}")
            missing = REQUIRED[kind] - set(t)
            if missing:
                self.fail(tw, f"a {kind} duty needs {sorted(missing)}")
            for field in ("title", "description"):
                if not isinstance(t.get(field), str) or not t.get(field, "").strip():
                    self.fail(tw, f"{field} is blank")
            if t.get("phase") is not None and t.get("phase") not in phases:
                self.fail(tw, f"phase {t.get('phase')!r} is not a phase of the plan")
            if "lead" in t:
                self.check_agency(f"{tw} lead", t["lead"], known, False)
            for field in ("coordinators", "agencies"):
                values = t.get(field, [])
                if not isinstance(values, list):
                    self.fail(tw, f"{field} is not a list")
                    continue
                for a in values:
                    self.check_agency(f"{tw} {field}", a, known, star_ok)
                if "lead" in t and t["lead"] in values:
                    self.fail(tw, f"the lead is also in {field}")
            if kind == "each" and not t.get("agencies"):
                self.fail(tw, "an each duty names no agencies")
            if kind == "on_event" and not str(t.get("trigger", "")).strip():
                self.fail(tw, "an on_event duty says nothing of what sets it off")
            if "set_off_by" in t and t["set_off_by"] not in SET_OFF_BY:
                self.fail(tw, "set_off_by is one of " + ", ".join(sorted(SET_OFF_BY)))
            if "request" in t and t["request"] is not True:
                self.fail(tw, 'request is only ever true')
            if "due_on" in t and "recurrence" in t:
                self.fail(tw, "has both due_on and recurrence")
            if "due_on" in t and (not isinstance(t["due_on"], str) or not DATE_RE.match(t["due_on"])):
                self.fail(tw, f"due_on {t['due_on']!r} is not a date")
            text = self.lines(tw, t.get("source"), document)
            if text is None:
                continue
            rec = t.get("recurrence")
            if rec is not None:
                if not isinstance(rec, dict) or rec.get("every") != "year" or set(rec) - {"every", "due"}:
                    self.fail(tw, f"recurrence {rec!r} is not {{\"every\": \"year\"}}")
                elif not any(w in text for w in YEARLY_WORDS):
                    self.fail(tw, f"recurs yearly, but its source {t['source']} does not say "
                                  "\"hằng năm\"")
                if isinstance(rec, dict) and "due" in rec:
                    phrase = DUE_DAY_PHRASES.get(tid)
                    if phrase is None:
                        self.fail(tw, f"recurrence.due {rec['due']!r}: no document gives this "
                                      "day (no phrase for it in DUE_DAY_PHRASES)")
                    elif phrase not in text:
                        self.fail(tw, f"recurrence.due: {phrase!r} is not in {t['source']}")
            if t.get("request"):
                phrase = REQUEST_PHRASES.get(tid)
                if phrase is None:
                    self.fail(tw, "request: no phrase for it in REQUEST_PHRASES")
                elif phrase not in text:
                    self.fail(tw, f"request: {phrase!r} is not in {t['source']}")
            if kind in ("joint", "on_event"):
                entry = LEAD_PHRASES.get(name, {}).get(tid)
                if entry is None:
                    self.fail(tw, "no phrase of the text naming its lead in LEAD_PHRASES")
                    continue
                lead, phrase = entry[0], entry[1]
                if t.get("lead") != lead:
                    self.fail(tw, f"lead is {t.get('lead')!r}, but the text names {lead!r} "
                                  f"({phrase!r})")
                where_text = text if len(entry) < 3 else self.lines(tw, entry[2], document)
                if where_text is not None and phrase not in where_text:
                    self.fail(tw, f"lead: {phrase!r} is not in "
                                  f"{t['source'] if len(entry) < 3 else entry[2]}")
        for tid in LEAD_PHRASES.get(name, {}):
            if tid not in ids:
                self.fail(where, f"the text names a lead for {tid}, which is not in the file")
        for t in plan.get("tasks", []):
            if isinstance(t, dict) and t.get("id") in REQUEST_PHRASES and t.get("request") is not True:
                self.fail(f"{where} {t['id']}", "the text asks this of bodies outside the "
                                                "issuer's authority; request must be true")
        expected = EXPECTED_KINDS.get(name)
        if expected is not None and expected != counts:
            for k in sorted(KINDS):
                if expected[k] != counts[k]:
                    self.fail(where, f"{counts[k]} {k} duties; the document has {expected[k]}")


def main(argv):
    if len(argv) != 2:
        print("usage: plan_files_test.py <repo root>", file=sys.stderr)
        return 2
    failures = Checker(argv[1]).run()
    for f in failures:
        print("FAIL " + f)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("plan files: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

# SIP2 responder for the self-service kiosks (3M / Bibliotheca).
# Runs as a separate process: python sip2.py
import socketserver
import datetime
import logging

import db
import dbaccess
import lib
import utils

log = logging.getLogger("rln.sip2")

KIOSK_STAFF_ID = 1  # 'kiosk' system user


def sip_date(d=None):
    d = d or datetime.datetime.now()
    return d.strftime("%Y%m%d    %H%M%S")


def parse_fields(msg):
    fields = {}
    for part in msg.split("|"):
        if len(part) > 2:
            fields[part[:2]] = part[2:]
    return fields


def handle_checkout(fields, branch_id):
    try:
        loan_id, due = lib.checkout(fields.get("AA"), fields.get("AB"), branch_id, KIOSK_STAFF_ID)
        return "121NNY%s|AO%s|AA%s|AB%s|AH%s|" % (sip_date(), fields.get("AO", ""), fields.get("AA"),
                                                fields.get("AB"), utils.format_date(due))
    except lib.CirculationError as e:
        return "120NNY%s|AA%s|AB%s|AF%s|" % (sip_date(), fields.get("AA"), fields.get("AB"), e)


def handle_checkin(fields, branch_id):
    try:
        res = lib.checkin(fields.get("AB"), branch_id, KIOSK_STAFF_ID)
        sort_bin = {"shelve": "1", "hold_shelf": "2", "transit": "3"}[res["action"]]
        return "101YNN%s|AB%s|CL%s|" % (sip_date(), fields.get("AB"), sort_bin)
    except lib.CirculationError as e:
        db.rollback()
        return "100NNN%s|AB%s|AF%s|" % (sip_date(), fields.get("AB"), e)


class SipHandler(socketserver.StreamRequestHandler):
    branch_id = None

    def handle(self):
        for line in self.rfile:
            msg = line.decode("ascii", "replace").strip()
            code, fields = msg[:2], parse_fields(msg[2:])
            if code == "93":
                branch = dbaccess.get_branch_by_code(fields.get("CP", "HQ"))
                self.branch_id = branch and branch["id"]
                reply = "941"
            elif code == "11":
                reply = handle_checkout(fields, self.branch_id)
            elif code == "09":
                reply = handle_checkin(fields, self.branch_id)
            elif code == "99":
                reply = "98YYYNYN01000320%s2.00AO|" % sip_date()
            else:
                reply = "96"
            self.wfile.write((reply + "\r").encode("ascii", "replace"))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    socketserver.ThreadingTCPServer(("0.0.0.0", 6001), SipHandler).serve_forever()

#!/usr/bin/env python3
"""Store one login (e.g. the IMAP password) in a Thunderbird profile's password manager
(key4.db + logins.json) before Thunderbird first starts, so no password prompt ever appears.

The login fields are encrypted with NSS's SDR, the way Thunderbird itself does it, by calling
Thunderbird's bundled libnss3 through ctypes (no Python packages needed). The key database gets an
empty primary password.

usage: seed-logins.py PROFILE_DIR ORIGIN USERNAME PASSWORD [THUNDERBIRD_LIB_DIR]
   e.g. seed-logins.py profile imap://127.0.0.1 tbtest tbpass
"""
import base64
import ctypes
import json
import os
import sys
import time
import uuid

profile, origin, username, password = sys.argv[1:5]
libdir = sys.argv[5] if len(sys.argv) > 5 else "/usr/lib/thunderbird"
profile = os.path.abspath(profile)

# Thunderbird bundles a newer NSS than the system one; its softokn must be the one that loads,
# which only LD_LIBRARY_PATH at process start guarantees: re-exec once with it set.
if os.environ.get("LD_LIBRARY_PATH", "").split(":")[0] != libdir:
    os.environ["LD_LIBRARY_PATH"] = libdir + ":" + os.environ.get("LD_LIBRARY_PATH", "")
    os.execv(sys.executable, [sys.executable] + sys.argv)


class SECItem(ctypes.Structure):
    _fields_ = [("type", ctypes.c_uint), ("data", ctypes.c_void_p), ("len", ctypes.c_uint)]


nss = ctypes.CDLL(os.path.join(libdir, "libnss3.so"))
nss.NSS_InitReadWrite.argtypes = [ctypes.c_char_p]
nss.PK11_GetInternalKeySlot.restype = ctypes.c_void_p
nss.PK11_NeedUserInit.argtypes = [ctypes.c_void_p]
nss.PK11_InitPin.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
nss.PK11_Authenticate.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
nss.PK11SDR_Encrypt.argtypes = [ctypes.POINTER(SECItem)] * 3 + [ctypes.c_void_p]
nss.PK11_FreeSlot.argtypes = [ctypes.c_void_p]
nss.PORT_GetError.restype = ctypes.c_int


def fail(what):
    sys.exit("%s failed, NSS error %d" % (what, nss.PORT_GetError()))


def encrypt(text):
    raw = text.encode("utf-8")
    buf = ctypes.create_string_buffer(raw, len(raw))
    key_id = SECItem(0, None, 0)
    plain = SECItem(0, ctypes.cast(buf, ctypes.c_void_p), len(raw))
    cipher = SECItem(0, None, 0)
    if nss.PK11SDR_Encrypt(ctypes.byref(key_id), ctypes.byref(plain), ctypes.byref(cipher), None) != 0:
        fail("PK11SDR_Encrypt")
    return base64.b64encode(ctypes.string_at(cipher.data, cipher.len)).decode()


os.makedirs(profile, exist_ok=True)
if nss.NSS_InitReadWrite(("sql:" + profile).encode()) != 0:
    fail("NSS_InitReadWrite")
slot = nss.PK11_GetInternalKeySlot()
if nss.PK11_NeedUserInit(slot) and nss.PK11_InitPin(slot, b"", b"") != 0:
    fail("PK11_InitPin")
nss.PK11_Authenticate(slot, 1, None)
encrypted_username, encrypted_password = encrypt(username), encrypt(password)
nss.PK11_FreeSlot(slot)
nss.NSS_Shutdown()

path = os.path.join(profile, "logins.json")
store = {"nextId": 1, "logins": [], "potentiallyVulnerablePasswords": [],
         "dismissedBreachAlertsByLoginGUID": {}, "version": 3}
if os.path.exists(path):
    with open(path) as f:
        store = json.load(f)
now = int(time.time() * 1000)
store["logins"].append({
    "id": store["nextId"], "hostname": origin, "httpRealm": origin, "formSubmitURL": None,
    "usernameField": "", "passwordField": "",
    "encryptedUsername": encrypted_username, "encryptedPassword": encrypted_password,
    "guid": "{%s}" % uuid.uuid4(), "encType": 1,
    "timeCreated": now, "timeLastUsed": now, "timePasswordChanged": now, "timesUsed": 1,
    "syncCounter": 0, "everSynced": False, "encryptedUnknownFields": None,
})
store["nextId"] += 1
with open(path, "w") as f:
    json.dump(store, f)

#!/usr/bin/env python3
"""Computes the hash chain's test vector independently of the Java code (ChainEncodingTest).

Encoding version 1, as docs/audit.md describes it: a version byte 0x01, then eight fields, each a
4-byte big-endian length and that many bytes (length 0xFFFFFFFF and no bytes for null); strings in
UTF-8, the sequence number as 8 bytes big-endian. h_0 = 32 zero bytes,
h_n = SHA-256(h_{n-1} || canonical bytes of event n). Run: python3 chain_vector.py
"""
import hashlib
import struct


def field(value):
    if value is None:
        return struct.pack(">I", 0xFFFFFFFF)
    if isinstance(value, str):
        value = value.encode("utf-8")
    return struct.pack(">I", len(value)) + value


def canonical(event):
    return (b"\x01" + field(event["eventIdentifier"]) + field(event["payloadType"])
            + field(event["payloadRevision"]) + field(event["aggregateIdentifier"])
            + field(struct.pack(">q", event["sequenceNumber"])) + field(event["timeStamp"])
            + field(event["payload"]) + field(event["metaData"]))


EVENTS = [
    {"eventIdentifier": "0b5e8c4e-1f57-4d5c-9d36-6f1f0c1e2a01",
     "payloadType": "org.contributionledger.core.community.CommunityCreated",
     "payloadRevision": "1",
     "aggregateIdentifier": "community/makers",
     "sequenceNumber": 0,
     "timeStamp": "2026-01-15T10:00:00Z",
     "payload": b'{"communityId":"makers","name":"Makers Guild"}',
     "metaData": b'{"keyId":"admin","requestId":"r-1"}'},
    {"eventIdentifier": "0b5e8c4e-1f57-4d5c-9d36-6f1f0c1e2a02",
     "payloadType": "org.contributionledger.core.member.MemberRegistered",
     "payloadRevision": None,
     "aggregateIdentifier": "member/makers/zo\u00eb",
     "sequenceNumber": 258,
     "timeStamp": "2026-01-15T10:00:01.5Z",
     "payload": b"",
     "metaData": None},
]

digest = bytes(32)
for number, event in enumerate(EVENTS, start=1):
    encoded = canonical(event)
    digest = hashlib.sha256(digest + encoded).digest()
    print(f"event {number} canonical {encoded.hex()}")
    print(f"h_{number} {digest.hex()}")

"""Where uploaded plan files live. Local disk on the old server, S3 since the
move to the cloud (2022). Keys look like plans/2022/08/<uuid>.pdf"""
import hashlib
import os
import uuid

import config


def checksum(data):
    return hashlib.sha256(data).hexdigest()


def new_key(prefix, filename, when):
    ext = os.path.splitext(filename)[1].lower() or ".bin"
    return "%s/%d/%02d/%s%s" % (prefix, when.year, when.month, uuid.uuid4().hex, ext)


class LocalStore:
    def __init__(self, root):
        self.root = root

    def put(self, key, data):
        path = os.path.join(self.root, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)

    def get(self, key):
        with open(os.path.join(self.root, key), "rb") as fh:
            return fh.read()

    def delete(self, key):
        try:
            os.remove(os.path.join(self.root, key))
        except FileNotFoundError:
            pass

    def url(self, key, expires=3600):
        return "/documents/raw/%s" % key


class S3Store:
    def __init__(self, bucket):
        import boto3

        self.bucket = bucket
        self.client = boto3.client("s3")

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def url(self, key, expires=3600):
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=expires)


_store = None


def get_store():
    global _store
    if _store is None:
        if config.get("DOCUMENT_STORE") == "s3":
            _store = S3Store(config.get("S3_BUCKET"))
        else:
            _store = LocalStore(config.get("DOCUMENT_ROOT"))
    return _store

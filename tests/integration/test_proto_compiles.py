"""Every generated .proto compiles with grpc_tools.protoc (the protoc PyPI ships)."""

from __future__ import annotations

from pathlib import Path

import pytest

grpc_tools = pytest.importorskip("grpc_tools", reason="grpcio-tools is not installed")
from grpc_tools import protoc  # noqa: E402

WELL_KNOWN = Path(grpc_tools.__file__).parent / "_proto"


@pytest.mark.parametrize("name", ("tiny", "flask_godmodule", "django_lying"))
def test_every_proto_compiles(generated, tmp_path, name):
    protos = sorted((generated[name] / "services").glob("*/api/*/v1/*.proto"))
    assert protos
    for proto in protos:
        service_root = proto.parents[3]
        relative = proto.relative_to(service_root).as_posix()
        code = protoc.main(["protoc", f"-I{service_root}", f"-I{WELL_KNOWN}",
                            f"--descriptor_set_out={tmp_path / 'out.pb'}",
                            f"--python_out={tmp_path}", relative])
        assert code == 0, f"protoc failed on {proto}"

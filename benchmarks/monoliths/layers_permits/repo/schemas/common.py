from marshmallow import EXCLUDE, Schema


class BaseSchema(Schema):
    class Meta:
        unknown = EXCLUDE
        ordered = True


def dump_page(page, schema):
    return {"items": schema.dump(page.items, many=True), "meta": page.meta()}

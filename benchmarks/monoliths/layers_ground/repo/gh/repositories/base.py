from gh.extensions import db


class BaseRepository(object):
    model = None

    def get(self, ident):
        return self.model.query.get(ident)

    def list(self, **filters):
        return self.model.query.filter_by(**filters).all()

    def add(self, obj, commit=False):
        db.session.add(obj)
        if commit:
            db.session.commit()
        return obj

    def delete(self, obj):
        db.session.delete(obj)

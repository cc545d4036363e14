from alembic import context
from sqlalchemy import engine_from_config, pool

from insure.config import get_config
from insure.db import Base
import insure.models  # noqa: F401

config = context.config
config.set_main_option("sqlalchemy.url", get_config().DATABASE_URL)
engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                            poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()

from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

import config as app_config
from models import Base

config = context.config
fileConfig(config.config_file_name)
config.set_main_option("sqlalchemy.url", app_config.get("DATABASE_URL"))
target_metadata = Base.metadata


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                                     poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()

import os

from setuptools import setup, find_packages

here = os.path.abspath(os.path.dirname(__file__))
with open(os.path.join(here, 'README.txt')) as f:
    README = f.read()
with open(os.path.join(here, 'CHANGES.txt')) as f:
    CHANGES = f.read()

requires = [
    'plaster_pastedeploy',
    'pyramid >= 1.10',
    'pyramid_jinja2',
    'pyramid_debugtoolbar',
    'pyramid_retry',
    'pyramid_tm',
    'pyramid_mailer',
    'SQLAlchemy < 1.4',
    'transaction',
    'zope.sqlalchemy',
    'colander',
    'deform',
    'requests',
    'qrcode',
    'reportlab',
    'bcrypt',
    'waitress',
    'psycopg2-binary',
]

tests_require = [
    'WebTest >= 1.3.1',
    'pytest >= 3.7.4',
    'pytest-cov',
]

setup(
    name='resort',
    version='3.14.2',
    description='Peak Resort operations system',
    long_description=README + '\n\n' + CHANGES,
    classifiers=[
        'Programming Language :: Python',
        'Framework :: Pyramid',
        'Topic :: Internet :: WWW/HTTP',
        'Topic :: Internet :: WWW/HTTP :: WSGI :: Application',
    ],
    author='Peak Resort IT',
    author_email='it@peakresort.example',
    url='',
    keywords='web pyramid pylons ski resort',
    packages=find_packages(exclude=['tests']),
    include_package_data=True,
    zip_safe=False,
    extras_require={
        'testing': tests_require,
    },
    install_requires=requires,
    entry_points={
        'paste.app_factory': [
            'main = resort:main',
        ],
        'console_scripts': [
            'resort_scheduler = resort.tasks.scheduler:main',
        ],
    },
)

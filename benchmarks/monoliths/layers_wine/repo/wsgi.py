from cellar import create_app

app = create_app()

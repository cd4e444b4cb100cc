# Sphinx 5.3 (Debian 12), a real page of mkdocstrings' docs (ISC) read with MyST; the theme comes from -D html_theme=.
project = 'mkdocstrings'
copyright = '2019, Timothée Mazzucotelli'
extensions = ['myst_parser']
html_last_updated_fmt = '%b %d, %Y'
html_show_sourcelink = True
html_context = {
    'display_github': True, 'github_user': 'mkdocstrings', 'github_repo': 'mkdocstrings', 'github_version': 'main/', 'conf_py_path': 'docs/',
}
html_theme_options = {}

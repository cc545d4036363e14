# -*- coding: utf-8 -*-
# HTML helpers. Yes we build HTML with strings. It's 2009, Jinja is a fad.
import os
import cgi
import string

import config

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), 'templates')
_cache = {}


def escape(s):
    if s is None:
        return ''
    if not isinstance(s, basestring):
        s = unicode(s)
    return cgi.escape(s, quote=True)


def load_template(name):
    if name not in _cache or config.is_debug():
        f = open(os.path.join(TEMPLATE_DIR, name))
        try:
            _cache[name] = string.Template(f.read().decode('utf-8'))
        finally:
            f.close()
    return _cache[name]


def render(name, **ctx):
    tpl = load_template(name)
    return tpl.safe_substitute(**ctx)


def page(title, body, user=None, nav='home'):
    who = ''
    if user:
        who = u'<span class="who">%s &middot; <a href="/logout">log out</a></span>' % escape(user.get('name'))
    return render('layout.html', title=escape(title), body=body, who=who, nav=nav,
                  dealer=escape(config.get('dealer_name')))


def html_table(rows, columns, css='grid', link=None):
    """columns: list of (key, heading) or (key, heading, formatter)"""
    out = [u'<table class="%s"><thead><tr>' % css]
    for col in columns:
        out.append(u'<th>%s</th>' % escape(col[1]))
    out.append(u'</tr></thead><tbody>')
    for row in rows:
        out.append(u'<tr>')
        for i, col in enumerate(columns):
            val = row.get(col[0])
            if len(col) > 2 and col[2]:
                val = col[2](val)
            cell = escape(val)
            if link and i == 0:
                cell = u'<a href="%s">%s</a>' % (link % row, cell)
            out.append(u'<td>%s</td>' % cell)
        out.append(u'</tr>')
    out.append(u'</tbody></table>')
    return u''.join(out)


def select_box(name, options, selected=None, blank=True):
    out = [u'<select name="%s">' % escape(name)]
    if blank:
        out.append(u'<option value=""></option>')
    for val, label in options:
        sel = u' selected' if unicode(val) == unicode(selected) else u''
        out.append(u'<option value="%s"%s>%s</option>' % (escape(val), sel, escape(label)))
    out.append(u'</select>')
    return u''.join(out)


def form_field(label, name, value='', kind='text'):
    return u'<label>%s <input type="%s" name="%s" value="%s"></label>' % (
        escape(label), kind, escape(name), escape(value))


def flash_box(msg, kind='info'):
    if not msg:
        return u''
    return u'<div class="flash %s">%s</div>' % (kind, escape(msg))

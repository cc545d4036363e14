# -*- coding: utf-8 -*-
"""Employee records (HR-lite)."""
from dealer import db, utils, dates


def get_employee(employee_id):
    return db.query_one('SELECT * FROM employees WHERE id = %s', (employee_id,))


def list_staff(active_only=True, role=None):
    sql = 'SELECT * FROM employees WHERE 1=1'
    params = []
    if active_only:
        sql += ' AND active = 1'
    if role:
        sql += ' AND role = %s'
        params.append(role)
    return db.query(sql + ' ORDER BY last_name, first_name', params)


def create_employee(username, password, first_name, last_name, role, department=None,
                    email=None, base_salary=0, hourly_rate=None):
    if db.query_one('SELECT id FROM employees WHERE username = %s', (username.lower(),)):
        raise ValueError('Username taken')
    return db.insert('employees', {
        'username': username.lower(), 'pw_hash': utils.hash_password(password),
        'first_name': first_name, 'last_name': last_name, 'role': role,
        'department': department or role, 'email': email, 'base_salary': base_salary,
        'hourly_rate': hourly_rate, 'active': 1, 'started_on': dates.today(),
    })


def update_employee(employee_id, data):
    allowed = ('first_name', 'last_name', 'role', 'department', 'email', 'base_salary',
               'hourly_rate', 'commission_plan_id')
    return db.update('employees', employee_id, dict((k, v) for k, v in data.items() if k in allowed))


def reset_password(employee_id, new_pw):
    db.execute('UPDATE employees SET pw_hash = %s WHERE id = %s',
               (utils.hash_password(new_pw), employee_id))


def staff_options(role=None):
    """(id, name) pairs for select boxes."""
    return [(e['id'], '%s %s' % (e['first_name'], e['last_name'])) for e in list_staff(True, role)]

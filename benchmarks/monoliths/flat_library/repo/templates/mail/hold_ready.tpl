Dear {{get('member', {}).get('first_name', 'Member')}}, (hold_ready)

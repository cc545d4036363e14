Dear {{get('member', {}).get('first_name', 'Member')}}, (event_reminder)

import unittest

import validators
import barcode


class ValidatorTest(unittest.TestCase):
    def test_npi(self):
        self.assertTrue(validators.validate_npi('1234567893'))
        self.assertFalse(validators.validate_npi('1234567890'))

    def test_dea(self):
        self.assertTrue(validators.validate_dea_number('AB1234563'))

    def test_upc(self):
        self.assertTrue(barcode.is_valid_upc('036000291452'))


if __name__ == '__main__':
    unittest.main()

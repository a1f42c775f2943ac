"""What a refresh from the Trade Register tells the apps that build on the register.

The register imports neither intake nor directory; they listen here.
"""

from django.dispatch import Signal

# A refresh found a value that differs from one staff or the owner set since the last
# refresh; it was not written. Arguments: organisation, field, current_value,
# proposed_value. Intake keeps it as a proposed change for staff to decide.
value_proposed = Signal()

# The company's state in the Trade Register changed. Arguments: organisation,
# previous, state (TradeRegisterState values; previous is None on the first refresh).
# The directory takes an ended company's listing off the public directory.
state_changed = Signal()

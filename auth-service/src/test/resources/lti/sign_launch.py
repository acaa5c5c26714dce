"""Signs an LTI 1.1 launch the way an LMS does, with oauthlib (an OAuth 1.0a implementation
independent of ours). Arguments: url key secret params-json [client-options-json].
Prints the signed form body."""
import json
import sys
from urllib.parse import urlencode

from oauthlib.oauth1 import SIGNATURE_HMAC, SIGNATURE_TYPE_BODY, Client

url, key, secret, params = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
options = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}
client = Client(key, client_secret=secret, signature_method=SIGNATURE_HMAC,
                signature_type=SIGNATURE_TYPE_BODY, **options)
_, _, body = client.sign(url, http_method="POST", body=urlencode(params),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
sys.stdout.write(body)

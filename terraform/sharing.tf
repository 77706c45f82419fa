# The key that signs guest sessions (POST /share/session answers an HS256 token made with
# it; the client API verifies guests' tokens with it). Made here from random bytes, so nobody
# types it in or commits it; it is kept in the Terraform state too, which is why the state
# must stay private (docs/deploy.md). Replacing it (terraform apply
# -replace=random_password.guest_session_key) ends every guest session: guests open their
# link again. Share links themselves do not depend on it.

resource "random_password" "guest_session_key" {
  length  = 64 # 64 characters of 62: about 381 bits, far more than HS256's 256
  special = false
}

# A standard-tier SecureString: free, and encrypted with the AWS-managed aws/ssm key. That
# key's policy lets any principal of the account decrypt through SSM what IAM lets it read,
# so the client API needs ssm:GetParameter on this one parameter and no KMS grant (iam.tf).
resource "aws_ssm_parameter" "guest_session_key" {
  name        = "/${var.project_name}/guest-session-key"
  description = "Signs guest sessions made from share links (client API, GUEST_KEY_SOURCE)."
  type        = "SecureString"
  tier        = "Standard"
  value       = random_password.guest_session_key.result

  tags = {
    Name = "${var.project_name}-guest-session-key"
  }
}
